// Runs PMD 7's Apex rules through its Java API. The npm package @salesforce/code-analyzer-pmd-engine ships the PMD jars
// but no pmd-cli, so this small launcher stands in for it.
// Usage: java -cp '<jars>/*:<classes>' PmdApex <ruleset.xml> <path>...
// Prints one line per violation, "file:line:col  Rule  [category/priority]  message"; exit 0 clean, 4 violations, 3 errors.
import java.nio.file.Path;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.rule.RulePriority;
import net.sourceforge.pmd.reporting.Report;
import net.sourceforge.pmd.reporting.RuleViolation;

public final class PmdApex {
    private PmdApex() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: PmdApex <ruleset.xml> <path>...");
            System.exit(2);
        }
        PMDConfiguration config = new PMDConfiguration();
        config.addRuleSet(args[0]);
        config.setMinimumPriority(RulePriority.LOW);
        for (int i = 1; i < args.length; i++) {
            config.addInputPath(Path.of(args[i]));
        }
        int violations = 0;
        int errors = 0;
        try (PmdAnalysis pmd = PmdAnalysis.create(config)) {
            Report report = pmd.performAnalysisAndCollectReport();
            for (RuleViolation v : report.getViolations()) {
                violations++;
                System.out.printf("%s:%d:%d  %s  [%s/%d]  %s%n",
                    v.getFileId().getOriginalPath(), v.getBeginLine(), v.getBeginColumn(),
                    v.getRule().getName(), v.getRule().getRuleSetName(), v.getRule().getPriority().getPriority(),
                    v.getDescription());
            }
            for (Report.ProcessingError e : report.getProcessingErrors()) {
                errors++;
                System.out.printf("%s  processing error  %s%n", e.getFileId().getOriginalPath(), e.getMsg());
            }
            for (Report.ConfigurationError e : report.getConfigurationErrors()) {
                errors++;
                System.out.printf("configuration error  %s  %s%n", e.rule().getName(), e.issue());
            }
            if (pmd.getReporter().numErrors() > 0) {
                errors += pmd.getReporter().numErrors();
            }
        }
        System.exit(errors > 0 ? 3 : violations > 0 ? 4 : 0);
    }
}
