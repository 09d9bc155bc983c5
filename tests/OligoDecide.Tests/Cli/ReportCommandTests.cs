using OligoDecide.Cli;
using OligoDecide.Output;
using OligoDecide.Tests.Report;

namespace OligoDecide.Tests.Cli;

public class ReportCommandTests
{
    private string dir = null!;

    [SetUp]
    public void SetUp() => dir = Directory.CreateTempSubdirectory("oligodecide-report-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(dir, recursive: true);

    [Test]
    public void Report_TwoCases_WritesTwoPagesAndTheAgenda()
    {
        var output = Path.Combine(dir, "board");
        var (exit, stdout, stderr) = CliRunner.Run("report", CliRunner.Seed("synchronous-pdl1-high-chemoio"), CliRunner.Seed("indeterminate-missing-history"), "--out", output);
        Assert.That((exit, stderr), Is.EqualTo((0, string.Empty)));
        var page = Path.Combine(output, "synchronous-pdl1-high-chemoio.html");
        var index = Path.Combine(output, "index.html");
        Assert.That(stdout, Is.EqualTo(page + "\n" + Path.Combine(output, "indeterminate-missing-history.html") + "\n" + index + "\n"));
        Assert.That(File.ReadAllText(page), Is.EqualTo(ReportCases.Page("synchronous-pdl1-high-chemoio")));
        var agenda = File.ReadAllText(index);
        Assert.That(agenda, Does.Contain("<a href=\"synchronous-pdl1-high-chemoio.html\">case-synchronous-pdl1-02</a>"));
        Assert.That(agenda, Does.Contain("<a href=\"indeterminate-missing-history.html\">case-indeterminate-01</a>"));
        Assert.That(File.ReadAllBytes(page)[..3], Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 without a byte-order mark");
    }

    [Test]
    public void Report_OneCase_WritesNoAgenda()
    {
        var (exit, stdout, _) = CliRunner.Run("report", CliRunner.Seed("repeat-oligoprogression-egfr-osimertinib"), "--out", dir);
        Assert.That(exit, Is.Zero);
        Assert.That(stdout, Is.EqualTo(Path.Combine(dir, "repeat-oligoprogression-egfr-osimertinib.html") + "\n"));
        Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EqualTo(new[] { "repeat-oligoprogression-egfr-osimertinib.html" }));
    }

    [Test]
    public void Report_OneInvalidCase_ExitsTwoNamingFileLineColumnAndWritesNothing()
    {
        var bad = RepoPaths.Seed(Path.Combine("invalid", "ecog-out-of-range.yaml"));
        var (exit, stdout, stderr) = CliRunner.Run("report", CliRunner.Seed("synchronous-pdl1-high-chemoio"), bad, "--out", dir);
        Assert.That(exit, Is.EqualTo(CliApp.InvalidInput));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Match(@"ecog-out-of-range\.yaml:\d+:\d+: error: ecog: "));
        Assert.That(stderr, Does.EndWith("report: nothing written; fix the cases above first\n"));
        Assert.That(Directory.GetFiles(dir), Is.Empty);
    }

    [Test]
    public void Report_MissingFile_ExitsTwo()
    {
        var (exit, _, stderr) = CliRunner.Run("report", Path.Combine(dir, "absent.yaml"), "--out", dir);
        Assert.That(exit, Is.EqualTo(CliApp.InvalidInput));
        Assert.That(stderr, Does.Contain("absent.yaml: error: file not found"));
    }

    [Test]
    public void PageName_KeepsSafeCharactersAndMakesNamesUnique()
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "index" };
        Assert.That(Commands.PageName("/a/case 1<x>.yaml", taken), Is.EqualTo("case_1_x_"));
        Assert.That(Commands.PageName("/b/case 1<x>.json", taken), Is.EqualTo("case_1_x_-2"));
        Assert.That(Commands.PageName("/c/index.yaml", taken), Is.EqualTo("index-2"), "index.html is the agenda");
        Assert.That(Commands.PageName("/c/.hidden.yaml", taken), Is.EqualTo("case.hidden"));
    }
}
