using System.Text.Json;
using OligoDecide.Cli;
using Snapshooter.NUnit;

namespace OligoDecide.Tests.Cli;

public class ClassifyCommandTests
{
    private sealed record Run(int ExitCode, string Out, string Err);

    private static Run Cli(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, stdout, stderr);
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    private readonly List<string> tempDirs = [];

    [TearDown]
    public void DeleteTempFiles()
    {
        foreach (var dir in tempDirs)
        {
            Directory.Delete(dir, recursive: true);
        }

        tempDirs.Clear();
    }

    private string TempFile(string name, string content)
    {
        var dir = Path.Combine(Path.GetTempPath(), "oligodecide-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        tempDirs.Add(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Patient(string name) => RepoPaths.Seed(Path.Combine("patients", name));

    private static string Invalid(string name) => RepoPaths.Seed(Path.Combine("invalid", name));

    [Test]
    public void Classify_TextFormat_ExitsZeroWithTheStateFirst()
    {
        var run = Cli("classify", Patient("synchronous-egfr-adeno.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0));
            Assert.That(run.Out, Does.StartWith("State: synchronous-oligometastatic (de-novo)\nCountable lesions: 3 in 3 organ(s)\nDecision path (ESTRO/EORTC 2020):\n"));
            Assert.That(run.Err, Is.Empty);
        });
    }

    [Test]
    public void Classify_DefaultFormat_IsText()
    {
        Assert.That(Cli("classify", Patient("synchronous-egfr-adeno.yaml")).Out, Is.EqualTo(Cli("classify", Patient("synchronous-egfr-adeno.yaml"), "--format", "text").Out));
    }

    [Test]
    public void Classify_JsonFormat_HasTheDocumentedShape()
    {
        var run = Cli("classify", Patient("synchronous-squamous-ct-only.yaml"), "--format", "json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "state", "category", "lesionCount", "organCount", "path", "missing", "warnings" }));
            Assert.That(root.GetProperty("state").GetString(), Is.EqualTo("synchronous-oligometastatic"));
            Assert.That(root.GetProperty("category").GetString(), Is.EqualTo("de-novo"));
            Assert.That(root.GetProperty("lesionCount").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("organCount").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("path").GetArrayLength(), Is.EqualTo(5));
            Assert.That(
                root.GetProperty("path").EnumerateArray().Select(s => string.Join(",", s.EnumerateObject().Select(p => p.Name))),
                Is.All.EqualTo("question,answer,basis"));
            Assert.That(root.GetProperty("path")[0].GetProperty("question").GetString(), Is.EqualTo("Is there countable metastatic disease?"));
            Assert.That(root.GetProperty("path")[0].GetProperty("answer").GetString(), Is.EqualTo("yes"));
            Assert.That(root.GetProperty("path")[0].GetProperty("basis").GetString(), Is.EqualTo("1 countable lesion(s)"));
            Assert.That(root.GetProperty("missing").GetArrayLength(), Is.EqualTo(0));
            Assert.That(root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()), Has.Exactly(1).StartsWith("Staged without FDG-PET-CT"));
            Assert.That(run.Out, Does.EndWith("}\n").And.Not.Contain("\r"));
        });
    }

    [Test]
    public void Classify_JsonForIndeterminate_ListsMissingAndExitsZero()
    {
        var run = Cli("classify", Patient("indeterminate-missing-history.yaml"), "--format", "json");

        using var doc = JsonDocument.Parse(run.Out);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0));
            Assert.That(doc.RootElement.GetProperty("state").GetString(), Is.EqualTo("indeterminate"));
            Assert.That(doc.RootElement.GetProperty("category").GetString(), Is.EqualTo("none"));
            Assert.That(doc.RootElement.GetProperty("missing").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "history.oligometastatic", "history.polymetastatic" }));
        });
    }

    [Test]
    public void Classify_JsonForLesionsNotRecorded_WritesNullCounts()
    {
        var path = TempFile("no-lesions.yaml", "assessedOn: 2025-11-20\nmetastases: { diagnosedOn: 2025-11-01 }\n");

        using var doc = JsonDocument.Parse(Cli("classify", path, "--format", "json").Out);

        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.GetProperty("lesionCount").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(doc.RootElement.GetProperty("organCount").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void Classify_InvalidFile_ExitsTwoWithErrorsOnStderrOnly()
    {
        var run = Cli("classify", Invalid("ecog-out-of-range.yaml"), "--format", "json");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.Err, Is.EqualTo("""
                ecog-out-of-range.yaml:6:7: error: ecog: ECOG performance status must be between 0 and 4; found 7

                """));
        });
    }

    [Test]
    public void Classify_FileWithSeveralErrors_PrintsEachOnItsOwnLine()
    {
        var path = TempFile("two.yaml", "assessedOn: 2025-11-20\necog: 9\nsmoking: sometimes\n");

        var run = Cli("classify", path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Err, Is.EqualTo("""
                two.yaml:2:7: error: ecog: ECOG performance status must be between 0 and 4; found 9
                two.yaml:3:10: error: smoking: unknown value 'sometimes'. Allowed: never, former, current

                """));
        });
    }

    [Test]
    public void Classify_AliasBomb_ExitsTwo()
    {
        var run = Cli("classify", Invalid("alias-bomb.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Err, Is.EqualTo("alias-bomb.yaml:8:10: error: the document expands to more than 100,000 nodes (aliases counted in full)\n"));
        });
    }

    [Test]
    public void Classify_MissingFile_ExitsTwo()
    {
        var run = Cli("classify", Path.Combine(Path.GetTempPath(), "oligodecide-no-such-dir", "ghost.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.Err, Is.EqualTo("ghost.yaml: error: the file does not exist\n"));
        });
    }

    [Test]
    public void Classify_UnknownFormat_IsAUsageError()
    {
        var run = Cli("classify", Patient("synchronous-egfr-adeno.yaml"), "--format", "xml");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.Err, Does.StartWith("error: ").And.Contain("xml").And.EndWith("Run 'oligodecide --help' for usage.\n"));
        });
    }

    [Test]
    public void Classify_NoFile_IsAUsageError()
    {
        var run = Cli("classify");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.Err, Does.EndWith("Run 'oligodecide --help' for usage.\n"));
        });
    }

    [Test]
    public void UnknownCommand_IsAUsageError()
    {
        Assert.That(Cli("clasify", Patient("synchronous-egfr-adeno.yaml")).ExitCode, Is.EqualTo(2));
    }

    [TestCase("text")]
    [TestCase("json")]
    public void Classify_TwoRuns_GiveIdenticalBytes(string format)
    {
        var first = Cli("classify", Patient("induced-oligopersistence-egfr-flaura2.yaml"), "--format", format);
        var second = Cli("classify", Patient("induced-oligopersistence-egfr-flaura2.yaml"), "--format", format);

        Assert.Multiple(() =>
        {
            Assert.That(first.Out, Is.Not.Empty);
            Assert.That(second.Out, Is.EqualTo(first.Out));
        });
    }

    public static IEnumerable<string> Seeds() => RepoPaths.SeedNames("patients");

    /// <summary>The text output of every seed case, as people read it. Snapshots are in __snapshots__; read them before accepting.</summary>
    [TestCaseSource(nameof(Seeds))]
    public void Classify_SeedCaseText_MatchesSnapshot(string name)
    {
        var run = Cli("classify", Patient(name));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Err);
        // Snapshooter.NUnit names the snapshot after the test case argument (the seed file name).
        Snapshot.Match(run.Out);
    }
}
