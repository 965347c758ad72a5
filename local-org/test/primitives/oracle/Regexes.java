// Oracle for java-oracle.test.ts: reads "<regex>\t<input>\t<limit>" lines (~n = newline, ~t = tab in the input)
// and prints split / replaceAll / replaceFirst / matches / find positions, with newlines written back as ~n.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Regexes {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            String[] p = line.split("\t", -1);
            String regex = p[0];
            String input = p[1].replace("~n", "\n").replace("~t", "\t");
            int limit = Integer.parseInt(p[2]);
            StringBuilder sb = new StringBuilder();
            try {
                String[] parts = input.split(regex, limit);
                sb.append(parts.length);
                for (String part : parts) sb.append('[').append(part).append(']');
                sb.append('|').append(input.replaceAll(regex, "<$0>"));
                sb.append('|').append(input.replaceFirst(regex, "#"));
                sb.append('|').append(input.matches(regex));
                Matcher m = Pattern.compile(regex).matcher(input);
                while (m.find()) sb.append('(').append(m.start()).append(',').append(m.end()).append(')');
            } catch (Exception e) {
                sb.append("ERR");
            }
            out.println(sb.toString().replace("\n", "~n"));
        }
    }
}
