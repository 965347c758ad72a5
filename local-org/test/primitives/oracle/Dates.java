// Oracle for java-oracle.test.ts: "F <epochMs> <zone> <pattern>" prints SimpleDateFormat output (en_US);
// "W <zone> <y> <m> <d> <h> <mi> <s>" prints the epoch ms GregorianCalendar gives that wall time in the zone.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.text.SimpleDateFormat;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;

public class Dates {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            String[] p = line.split(" ", 4);
            if (p[0].equals("F")) {
                SimpleDateFormat f = new SimpleDateFormat(p[3], Locale.US);
                f.setTimeZone(TimeZone.getTimeZone(p[2]));
                out.append(f.format(new Date(Long.parseLong(p[1])))).append('\n');
            } else {
                String[] w = line.split(" ");
                GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone(w[1]));
                c.clear();
                c.set(Integer.parseInt(w[2]), Integer.parseInt(w[3]) - 1, Integer.parseInt(w[4]),
                        Integer.parseInt(w[5]), Integer.parseInt(w[6]), Integer.parseInt(w[7]));
                out.append(c.getTimeInMillis()).append('\n');
            }
        }
        System.out.print(out);
    }
}
