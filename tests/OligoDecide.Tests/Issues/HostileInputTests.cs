using System.Globalization;
using OligoDecide.Documents;
using OligoDecide.Tests.Cli;

namespace OligoDecide.Tests.Issues;

/// <summary>
/// Issue 15, readers: each reproducer in Issues/Inputs (copied from the shared cases, with its .expect.md) gets the
/// outcome its .expect.md names: a finding that names the problem, exit 2, never an internal error or a silent change.
/// </summary>
public class HostileInputTests
{
    private static string Input(string name) => Path.Combine(Repo.Root, "tests", "OligoDecide.Tests", "Issues", "Inputs", name);

    [Test]
    public void Case02_PlaceholderDate1900_IsAnErrorAtTheDateAndExit2()
    {
        var (exit, output, err) = CliRunner.Run("suggest", Input("02-sentinel-date-1900.yaml"), "--format", "json");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Does.Not.Contain("metachronous"));
            Assert.That(err, Does.Contain("02-sentinel-date-1900.yaml:4:52: error: primary.diagnosedOn: 1900-01-01 is not a plausible date"));
            Assert.That(err, Does.Contain("leave the key out"));
        });
    }

    [TestCase("0001-01-01")]
    [TestCase("1900-01-01")]
    public void PlaceholderDates_AnyDateKey_AreErrors(string date)
    {
        var result = PatientDocument.Parse($"assessedOn: 2025-11-20\nmetastases: {{ diagnosedOn: {date} }}\n", "case.yaml");
        var finding = result.Findings.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(finding.Path, Is.EqualTo("metastases.diagnosedOn"));
            Assert.That(finding.Message, Does.StartWith($"{date} is not a plausible date"));
            Assert.That((finding.Line, finding.Column), Is.EqualTo((2, 28)));
        });
    }

    [Test]
    public void DiagnosisBeforeBirth_IsAnErrorNamingAgeAndDate()
    {
        var result = PatientDocument.Parse("assessedOn: 2025-11-20\nageYears: 20\nprimary: { diagnosedOn: 1950-01-01 }\n", "case.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Findings.Single().ToString(), Is.EqualTo(
                "case.yaml:3:25: error: primary.diagnosedOn: the date 1950-01-01 is before the patient was born (ageYears 20 on assessedOn 2025-11-20); check the date or ageYears"));
        });
    }

    [Test]
    public void DiagnosisInTheBirthYear_IsAccepted()
    {
        // Born 2004-11-21 at the earliest (20 on 2025-11-20): a date that day is possible.
        var result = PatientDocument.Parse("assessedOn: 2025-11-20\nageYears: 20\nprimary: { diagnosedOn: 2004-11-21 }\n", "case.yaml");
        Assert.That(result.IsValid, Is.True, string.Join("\n", result.Findings));
    }

    [Test]
    public void Case03_LesionPastedTwice_IsAWarningNamingBothEntries()
    {
        // The warning reaches the user with the decision (the JSON's warnings block, or stderr in text form).
        var (exit, output, err) = CliRunner.Run("suggest", Input("03-lesion-listed-twice.yaml"), "--format", "json");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0));
            Assert.That(output + err, Does.Contain("identical to lesions[4] (organ liver, sizeMm 9, status new); if this is the same lesion, list it once"));
        });
    }

    [Test]
    public void Case03_LesionRepeatedThroughAnAlias_IsAnError()
    {
        var text = File.ReadAllText(Input("03-lesion-listed-twice.yaml"))
            .Replace("    - { organ: liver, sizeMm: 9, status: new }\n    - { organ: liver, sizeMm: 9, status: new }", "    - &l5 { organ: liver, sizeMm: 9, status: new }\n    - *l5", StringComparison.Ordinal);
        Assert.That(text, Does.Contain("*l5"));
        var result = PatientDocument.Parse(text, "case.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Findings.Single(f => f.Severity == Severity.Error).ToString(), Does.Contain("metastases.lesions[5]: an alias of lesions[4]: the same lesion is listed twice"));
        });
    }

    [Test]
    public void DifferentLesionsInTheSameOrgan_NoWarning()
    {
        var result = PatientDocument.Parse("assessedOn: 2025-11-20\nmetastases:\n  lesions:\n    - { organ: liver, sizeMm: 9 }\n    - { organ: liver, sizeMm: 12 }\n", "case.yaml");
        Assert.That(result.Findings, Is.Empty);
    }

    [TestCase("metastases:\n  lesions:\n    - { organ: bone }\n    -\n    - { organ: liver }\n", "metastases.lesions[1]", 4, 5)]
    [TestCase("metastases:\n  imaging:\n    - fdg-pet-ct\n    -\n    - brain-mri\n", "metastases.imaging[1]", 4, 5)]
    public void BlankListItem_IsAnErrorAtTheItem(string body, string path, int line, int column)
    {
        var result = PatientDocument.Parse("assessedOn: 2025-11-20\n" + body, "case.yaml");
        var finding = result.Findings.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(finding.Path, Is.EqualTo(path));
            Assert.That(finding.Message, Does.StartWith("this list item is empty"));
            Assert.That(finding.Line, Is.EqualTo(line + 1));
        });
    }

    [TestCase("classify")]
    [TestCase("suggest")]
    public void Case05_DatesNearYear9999_ClearErrorExit2(string command)
    {
        var (exit, _, err) = CliRunner.Run(command, Input("05-far-future-date.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err, Does.Not.Contain("internal error"));
            Assert.That(err, Does.Contain("05-far-future-date.yaml:3:25: error: primary.diagnosedOn: 9999-07-01 cannot be used: dates after 9999-06-30"));
            Assert.That(err, Does.Contain("05-far-future-date.yaml:2:13: error: assessedOn: 9999-12-31 cannot be used"));
        });
    }

    [Test]
    public void Case06_JsonLoneSurrogate_ClearErrorAtItsPositionExit2()
    {
        var (exit, _, err) = CliRunner.Run("classify", Input("06-json-lone-surrogate.json"));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err, Does.Not.Contain("internal error"));
            Assert.That(err, Does.Contain("06-json-lone-surrogate.json:1:"));
            Assert.That(err, Does.Contain("surrogate").IgnoreCase);
        });
    }

    [Test]
    public void Case08_NewlineInKey_EscapedSoEveryFindingIsOneLine()
    {
        var (exit, _, err) = CliRunner.Run("classify", Input("08-newline-in-key.json"));
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(lines.Where(l => l.Contains("error:", StringComparison.Ordinal)), Has.All.StartWith("08-newline-in-key.json:1:30: error: "));
            Assert.That(err, Does.Contain(@"unknown key 'ecog\nforged.yaml:9:9: error: ecog: forge…'"));
            Assert.That(err, Does.Not.Contain("\nforged.yaml"));
        });
    }

    [TestCase("ecog\u001b[31m", @"ecog\u001b[31m")]
    [TestCase("ecog\u200b", @"ecog\u200b")]
    [TestCase("\ufeffecog", @"\ufeffecog")]
    public void InvisibleOrEscapeCharactersInKeys_ShownAsEscapes(string key, string shown)
    {
        var result = PatientDocument.Parse($"{{\"assessedOn\": \"2025-11-20\", \"{key}\": 1}}", "case.json");
        var message = result.Findings.Single().ToString();
        Assert.Multiple(() =>
        {
            Assert.That(message, Does.Contain($"unknown key '{shown}'"));
            Assert.That(message.Any(c => c < ' ' || c is '\u200b' or '\ufeff'), Is.False);
        });
    }

    [Test]
    public void Case09_NdjsonLineStartingWithAByteOrderMark_ScreensLikeTheNext()
    {
        var (exit, output, err) = CliRunner.Run("screen", Input("09-ndjson-bom.ndjson"));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), err);
            Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
            Assert.That(err, Does.Contain("2 decision(s), 0 invalid"));
        });
    }

    [Test]
    public void Case11_QuotedNumberAndBoolean_MessageSaysTheyAreQuoted()
    {
        var (exit, _, err) = CliRunner.Run("classify", Input("11-quoted-number-message.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(err, Does.Contain("11-quoted-number-message.yaml:2:7: error: ecog: expected a whole number, found the quoted text \"1\"; write numbers without quotes (ecog: 1)"));
            Assert.That(err, Does.Contain("primary.controlled: expected true or false, found the quoted text \"false\""));
        });
    }

    [Test]
    public void TabIndentation_ReportedWhereTheTabIs()
    {
        var result = PatientDocument.Parse("assessedOn: 2025-11-20\nprimary:\n\thistology: adenocarcinoma\n", "case.yaml");
        var finding = result.Findings.Single();
        Assert.Multiple(() =>
        {
            Assert.That((finding.Line, finding.Column), Is.EqualTo((3, 1)));
            Assert.That(finding.Message, Does.Contain("tab is used for indentation"));
        });
    }

    /// <summary>
    /// The process runs with invariant globalization, so a real de-DE or th-TH culture cannot be loaded here; a
    /// culture with German separators is built from the invariant one. Messages must not take its separators.
    /// </summary>
    [Test]
    public void Case12_MessagesDoNotFollowTheProcessCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            var findings = PatientDocument.Parse(File.ReadAllText(Input("12-culture-calendar-year.yaml")), "12.yaml").Findings.Select(f => f.ToString()).ToList();
            var big = PatientDocument.Parse(new string('#', 1_100_000), "big.yaml").Findings.Single().ToString();
            Assert.Multiple(() =>
            {
                Assert.That(findings, Has.Some.Contains("found 140.5"));
                Assert.That(findings, Has.Some.Contains("the date 2025-12-02 is after the assessment date (assessedOn 2025-11-20)"));
                Assert.That(big, Does.Contain("1,048,576 bytes"));
            });
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
