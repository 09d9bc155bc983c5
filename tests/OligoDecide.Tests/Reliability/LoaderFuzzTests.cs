using System.Diagnostics;
using System.Text;
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Rules;
using OligoDecide.Synthetic;

namespace OligoDecide.Tests.Reliability;

/// <summary>
/// Mutated patient and rule documents must give findings (or a valid result), never another
/// exception, and each within a time bound. Deterministic: fixed seeds.
/// </summary>
public class LoaderFuzzTests
{
    private static readonly TimeSpan PerDocument = TimeSpan.FromSeconds(2);

    private static readonly string[] Replacements =
    [
        "[1, 2, 3]", "{ a: 1 }", "true", "null", "\"\"", "-1", "1e309", "99999999999999999999999999999", "0.0000000000000000000000001",
        "2025-02-30", "\"2025-13-01\"", "NaN", ".inf", "!!binary aGVsbG8=", "&a x", "*nope", "\"\\u0000\"", new string('x', 5000),
    ];

    private static IEnumerable<string> Seeds()
    {
        var root = FindRoot();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(root, "seeds", "patients"), "*.yaml").Order(StringComparer.Ordinal))
        {
            yield return File.ReadAllText(f);
        }

        foreach (var d in PatientGenerator.Documents(20, 7))
        {
            yield return d;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OligoDecide.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("OligoDecide.sln not found above the test directory");
    }

    internal static string Mutate(string text, Random r)
    {
        switch (r.Next(8))
        {
            case 0:
                return text[..r.Next(text.Length)];
            case 1:
                {
                    // Replace a scalar after a ': ' with a value of another type.
                    var idx = text.IndexOf(": ", r.Next(text.Length), StringComparison.Ordinal);
                    if (idx < 0)
                    {
                        return text + "\nextra: 1";
                    }

                    var end = text.IndexOfAny([',', '\n', '}'], idx + 2);
                    end = end < 0 ? text.Length : end;
                    return text[..(idx + 2)] + Replacements[r.Next(Replacements.Length)] + text[end..];
                }

            case 2:
                {
                    var i = r.Next(text.Length);
                    return text[..i] + (char)r.Next(0, 0x3000) + text[i..];
                }

            case 3:
                {
                    var i = r.Next(text.Length);
                    return text.Remove(i, Math.Min(text.Length - i, r.Next(1, 40)));
                }

            case 4:
                {
                    var depth = r.Next(30, 5000);
                    return "assessedOn: 2025-01-01\nmetastases:\n  lesions: " + new string('[', depth) + new string(']', depth) + "\n";
                }

            case 5:
                return AliasBomb(r.Next(3, 12));
            case 6:
                {
                    // Duplicate a line (duplicate keys) or swap two lines (structure).
                    var lines = text.Split('\n').ToList();
                    var i = r.Next(lines.Count);
                    lines.Insert(r.Next(lines.Count), lines[i]);
                    return string.Join('\n', lines);
                }

            default:
                return string.Concat(Enumerable.Repeat(text, r.Next(2, 4)));
        }
    }

    internal static string AliasBomb(int levels)
    {
        var sb = new StringBuilder("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var i = 1; i <= levels; i++)
        {
            sb.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        return sb.Append("assessedOn: 2025-01-01\n").ToString();
    }

    private static void Bounded(Func<bool> load, string what)
    {
        var clock = Stopwatch.StartNew();
        bool ok;
        try
        {
            ok = load();
        }
        catch (Exception ex)
        {
            Assert.Fail($"{what}: {ex.GetType().Name}: {ex.Message}");
            return;
        }

        Assert.That(ok, Is.True, $"{what}: invalid without an error finding");
        Assert.That(clock.Elapsed, Is.LessThan(PerDocument), what);
    }

    [Test]
    public void Parse_MutatedPatientDocuments_OnlyFindings()
    {
        var r = new Random(1);
        var seeds = Seeds().ToList();
        for (var i = 0; i < 3000; i++)
        {
            var text = Mutate(seeds[r.Next(seeds.Count)], r);
            Bounded(() =>
            {
                var result = PatientDocument.Parse(text, "fuzz.yaml");
                return result.IsValid || result.Findings.Any(f => f.Severity == Severity.Error);
            }, $"mutation {i}");
        }
    }

    [Test]
    public void Load_InvalidUtf8AndOversizedFiles_OnlyFindings()
    {
        var r = new Random(2);
        var seeds = Seeds().ToList();
        var path = Path.Combine(Path.GetTempPath(), $"oligodecide-fuzz-{Environment.ProcessId}.yaml");
        try
        {
            for (var i = 0; i < 300; i++)
            {
                var bytes = Encoding.UTF8.GetBytes(seeds[r.Next(seeds.Count)]).ToList();
                var at = r.Next(bytes.Count);
                byte[][] invalid = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF]];
                bytes.InsertRange(at, invalid[r.Next(invalid.Length)]);
                File.WriteAllBytes(path, [.. bytes]);
                Bounded(() =>
                {
                    var result = PatientDocument.Load(path);
                    return !result.IsValid && result.Findings.Any(f => f.Message.Contains("UTF-8", StringComparison.Ordinal));
                }, $"invalid UTF-8 {i}");
            }

            File.WriteAllText(path, "assessedOn: 2025-01-01\nid: " + new string('x', (int)DocumentLimits.Default.MaxBytes));
            Bounded(() => PatientDocument.Load(path).Findings.Any(f => f.Message.Contains("the limit is", StringComparison.Ordinal)), "oversized file");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase(3, false)]
    [TestCase(9, true)]
    public void Parse_AliasBomb_StopsAtTheLimit(int levels, bool rejected)
    {
        var result = PatientDocument.Parse(AliasBomb(levels), "bomb.yaml");

        Assert.That(result.Findings.Any(f => f.Message.Contains("aliases", StringComparison.Ordinal) || f.Message.Contains("nodes", StringComparison.Ordinal)), Is.EqualTo(rejected));
    }

    [Test]
    public void FromFiles_MutatedRuleFiles_OnlyFindingsAndValidSetsCompile()
    {
        var root = FindRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "rules"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f))).ToList();
        var r = new Random(3);
        for (var i = 0; i < 600; i++)
        {
            var k = r.Next(files.Count);
            var mutated = files.ToList();
            mutated[k] = (mutated[k].Name, Mutate(mutated[k].Text, r));
            Bounded(() =>
            {
                var result = RuleSet.FromFiles(mutated, RuleSetLimits.Default);
                if (result.IsValid)
                {
                    _ = new OligoDecideEngine(result.RuleSet!);
                    return true;
                }

                return result.Findings.Any(f => f.Severity == Severity.Error);
            }, $"rule mutation {i} of {files[k].Name}");
        }
    }
}
