// Oracle for commons-oracle.test.ts: one input line "s\tt\tn\tm" → the Commons Lang 3 / Commons Text results
// of the StringUtils / StringEscapeUtils methods Apex documents for String, joined by U+0001.
import java.io.*;
import java.util.*;
import org.apache.commons.lang3.StringUtils;
import org.apache.commons.text.StringEscapeUtils;

public class CommonsStrings {
 
 static String q(Object o){ if(o==null) return "<null>"; String r = o instanceof String[] ? Arrays.toString((String[])o) : String.valueOf(o); return ctl(r); }
 // Control characters other than tab and newline are written as ~xHH so they cannot clash with the field separator.
 static String ctl(String r){ StringBuilder b=new StringBuilder(); for(char c: r.toCharArray()){ if(c<0x20 && c!='\n' && c!='\t') b.append(String.format("~x%02X",(int)c)); else b.append(c);} return b.toString(); }
 static String run(java.util.concurrent.Callable<Object> c){ try { return q(c.call()); } catch(Exception e){ return "ERR"; } }
 public static void main(String[] a) throws Exception {
 BufferedReader r=new BufferedReader(new InputStreamReader(System.in,"UTF-8")); String line; PrintStream o=new PrintStream(System.out,true,"UTF-8");
 while((line=r.readLine())!=null){ String[] p=line.split("\t",-1); String s=p[0].replace("~n","\n").replace("~t","\t"), t=p[1].replace("~n","\n").replace("~t","\t"); int n=Integer.parseInt(p[2]), m=Integer.parseInt(p[3]);
  List<String> out=new ArrayList<>();
  out.add(run(()->StringUtils.abbreviate(s,n))); out.add(run(()->StringUtils.abbreviate(s,m,n)));
  out.add(run(()->StringUtils.capitalize(s))); out.add(run(()->StringUtils.center(s,n))); out.add(run(()->StringUtils.center(s,n,t)));
  out.add(run(()->StringUtils.countMatches(s,t))); out.add(run(()->StringUtils.deleteWhitespace(s))); out.add(run(()->StringUtils.difference(s,t)));
  out.add(run(()->StringUtils.indexOfAny(s,t))); out.add(run(()->StringUtils.indexOfIgnoreCase(s,t))); out.add(run(()->StringUtils.indexOfIgnoreCase(s,t,m)));
  out.add(run(()->StringUtils.isAllLowerCase(s))); out.add(run(()->StringUtils.isAllUpperCase(s))); out.add(run(()->StringUtils.isAlpha(s))); out.add(run(()->StringUtils.isAlphaSpace(s))); out.add(run(()->StringUtils.isAlphanumeric(s))); out.add(run(()->StringUtils.isNumeric(s))); out.add(run(()->StringUtils.isWhitespace(s))); out.add(run(()->StringUtils.isAsciiPrintable(s)));
  out.add(run(()->StringUtils.leftPad(s,n,t))); out.add(run(()->StringUtils.rightPad(s,n,t))); out.add(run(()->StringUtils.mid(s,m,n))); out.add(run(()->StringUtils.left(s,n))); out.add(run(()->StringUtils.right(s,n)));
  out.add(run(()->StringUtils.normalizeSpace(s))); out.add(run(()->StringUtils.remove(s,t))); out.add(run(()->StringUtils.removeEnd(s,t))); out.add(run(()->StringUtils.removeEndIgnoreCase(s,t))); out.add(run(()->StringUtils.removeStart(s,t))); out.add(run(()->StringUtils.removeStartIgnoreCase(s,t)));
  out.add(run(()->StringUtils.repeat(s,t,m))); out.add(run(()->StringUtils.reverse(s)));
  out.add(run(()->StringUtils.splitByCharacterType(s))); out.add(run(()->StringUtils.splitByCharacterTypeCamelCase(s)));
  out.add(run(()->StringUtils.strip(s))); out.add(run(()->StringUtils.stripEnd(s,t))); out.add(run(()->StringUtils.stripStart(s,t)));
  out.add(run(()->StringUtils.substringAfter(s,t))); out.add(run(()->StringUtils.substringAfterLast(s,t))); out.add(run(()->StringUtils.substringBefore(s,t))); out.add(run(()->StringUtils.substringBeforeLast(s,t))); out.add(run(()->StringUtils.substringBetween(s,t))); out.add(run(()->StringUtils.substringBetween(s,t,"b")));
  out.add(run(()->StringUtils.swapCase(s))); out.add(run(()->StringUtils.uncapitalize(s))); out.add(run(()->StringUtils.getLevenshteinDistance(s,t))); out.add(run(()->StringUtils.getLevenshteinDistance(s,t,m)));
  out.add(run(()->StringUtils.containsAny(s,t))); out.add(run(()->StringUtils.containsNone(s,t))); out.add(run(()->StringUtils.containsOnly(s,t))); out.add(run(()->StringUtils.containsWhitespace(s))); out.add(run(()->StringUtils.containsIgnoreCase(s,t))); out.add(run(()->StringUtils.startsWithIgnoreCase(s,t))); out.add(run(()->StringUtils.endsWithIgnoreCase(s,t)));
  out.add(run(()->StringEscapeUtils.escapeCsv(s))); out.add(run(()->StringEscapeUtils.unescapeCsv(s))); out.add(run(()->StringEscapeUtils.escapeHtml4(s))); out.add(run(()->StringEscapeUtils.unescapeHtml4(s))); out.add(run(()->StringEscapeUtils.escapeJava(s)));
  out.add(run(()->StringUtils.lastIndexOfIgnoreCase(s,t))); out.add(run(()->StringUtils.indexOfDifference(s,t))); out.add(run(()->StringUtils.isNumericSpace(s)));
  out.add(run(()->StringEscapeUtils.escapeEcmaScript(s))); out.add(run(()->StringEscapeUtils.escapeHtml3(s))); out.add(run(()->StringEscapeUtils.unescapeHtml3(s))); out.add(run(()->StringEscapeUtils.unescapeJava(s))); out.add(run(()->StringEscapeUtils.unescapeEcmaScript(s)));
  o.println(String.join("\u0001",out).replace("\n","~n").replace("\t","~t"));
 }}}
