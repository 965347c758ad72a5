// Oracle for java-oracle.test.ts: reads "D <a> <b> <scale>" lines and prints BigDecimal results joined by '|'.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;

public class Decimals {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        RoundingMode[] modes = { RoundingMode.CEILING, RoundingMode.DOWN, RoundingMode.FLOOR, RoundingMode.HALF_DOWN,
                RoundingMode.HALF_EVEN, RoundingMode.HALF_UP, RoundingMode.UP };
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            String[] p = line.split(" ");
            BigDecimal x = new BigDecimal(p[1]);
            BigDecimal y = new BigDecimal(p[2]);
            int scale = Integer.parseInt(p[3]);
            out.append(x.add(y)).append('|').append(x.subtract(y)).append('|').append(x.multiply(y))
                    .append('|').append(x.toPlainString()).append('|').append(x.stripTrailingZeros())
                    .append('|').append(x.precision()).append('|').append(x.hashCode())
                    .append('|').append(x.intValue()).append('|').append(x.longValue())
                    .append('|').append(x.compareTo(y));
            for (RoundingMode m : modes) out.append('|').append(x.setScale(scale, m));
            if (y.signum() != 0) for (RoundingMode m : modes) out.append('|').append(x.divide(y, scale, m));
            out.append('\n');
        }
        System.out.print(out);
    }
}
