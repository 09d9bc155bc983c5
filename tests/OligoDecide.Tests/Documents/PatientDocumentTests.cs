using System.Diagnostics;
using System.Text;
using System.Text.Json;
using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Model;

namespace OligoDecide.Tests.Documents;

public class PatientDocumentTests
{
    // Line numbers matter: the expected positions below point into this document.
    private const string Valid = """
        assessedOn: 2025-11-20
        ageYears: 58
        ecog: 1
        primary:
          histology: adenocarcinoma
          diagnosedOn: 2025-10-28
        biomarkers:
          pdl1Tps: 5
        history: { polymetastatic: false, oligometastatic: false }
        systemicTherapies:
          - name: Secret Regimen Alpha
            kind: egfr-tki
            startedOn: 2025-11-14
            ongoing: true
        metastases:
          diagnosedOn: 2025-11-05
          imaging: [fdg-pet-ct, brain-mri]
          lesions:
            - { organ: adrenal, status: new }

        """;

    private const string AllowedTopKeys = "id, assessedOn, ageYears, sex, ecog, smoking, primary, biomarkers, history, systemicTherapies, radiotherapy, metastases, treatmentIntent, preference, expect";

    private static PatientLoadResult Parse(string text) => PatientDocument.Parse(text, "t.yaml");

    private static string Edit(string oldText, string newText)
    {
        if (!Valid.Contains(oldText, StringComparison.Ordinal))
        {
            throw new ArgumentException("test setup: the edit does not apply: " + oldText);
        }

        return Valid.Replace(oldText, newText, StringComparison.Ordinal);
    }

    /// <summary>Asserts the document is rejected with exactly these findings (formatted), and no patient.</summary>
    private static void AssertErrors(string text, params string[] expected)
    {
        var result = Parse(text);
        Assert.Multiple(() =>
        {
            Assert.That(result.Findings.Select(f => f.ToString()), Is.EqualTo(expected));
            Assert.That(result.Patient, Is.Null, "an invalid document never yields a patient");
            Assert.That(result.IsValid, Is.False);
        });
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

    private string TempFile(string name, byte[] content)
    {
        var dir = Path.Combine(Path.GetTempPath(), "oligodecide-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        tempDirs.Add(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    // ---- valid input ---------------------------------------------------------------------------

    [Test]
    public void Parse_ValidDocument_ReadsTheFields()
    {
        var result = Parse(Valid);
        var p = result.Patient!;

        Assert.Multiple(() =>
        {
            Assert.That(result.Findings, Is.Empty);
            Assert.That(p.AssessedOn, Is.EqualTo(new DateOnly(2025, 11, 20)));
            Assert.That((p.AgeYears, p.Ecog), Is.EqualTo(((int?)58, (int?)1)));
            Assert.That(p.Primary, Is.EqualTo(new PrimaryTumour { Histology = Histology.Adenocarcinoma, DiagnosedOn = new DateOnly(2025, 10, 28) }));
            Assert.That(p.Biomarkers, Is.EqualTo(new Biomarkers { Pdl1Tps = 5m }));
            Assert.That(p.History, Is.EqualTo(new MetastaticHistory { Polymetastatic = false, Oligometastatic = false }));
            Assert.That(p.SystemicTherapies, Is.EqualTo(new[] { new SystemicTherapy { Name = "Secret Regimen Alpha", Kind = TherapyKind.EgfrTki, StartedOn = new DateOnly(2025, 11, 14), Ongoing = true } }));
            Assert.That(p.Metastases!.Imaging, Is.EqualTo(new[] { ImagingModality.FdgPetCt, ImagingModality.BrainMri }));
            Assert.That(p.Metastases.Lesions, Is.EqualTo(new[] { new Lesion { Organ = Organ.Adrenal, Status = LesionStatus.New } }));
            Assert.That(p.Radiotherapy, Is.Null, "absent means not recorded");
        });
    }

    [Test]
    public void Parse_AbsentNullAndEmpty_AreUnknownUnknownAndRecordedEmpty()
    {
        var p = Parse("assessedOn: 2025-11-20\nhistory: null\nsystemicTherapies: []\nmetastases: ~\n").Patient!;

        Assert.Multiple(() =>
        {
            Assert.That(p.History, Is.Null);
            Assert.That(p.SystemicTherapies, Is.Empty);
            Assert.That(p.Metastases, Is.Null);
            Assert.That(p.Primary, Is.Null);
        });
    }

    [Test]
    public void Parse_QuotedDate_IsAccepted()
    {
        Assert.That(Parse("assessedOn: \"2025-11-20\"\n").Patient!.AssessedOn, Is.EqualTo(new DateOnly(2025, 11, 20)));
    }

    [Test]
    public void Parse_ExpectBlock_IsReadSeparatelyFromThePatient()
    {
        var result = Parse("assessedOn: 2025-11-20\nexpect:\n  state: polymetastatic\n  options: [sbrt]\n");

        Assert.Multiple(() =>
        {
            Assert.That(result.Expectation!.State, Is.EqualTo("polymetastatic"));
            Assert.That(result.Expectation.Options, Is.EqualTo(new[] { "sbrt" }));
            Assert.That(result.Expectation.NotOptions, Is.Empty);
        });
    }

    [Test]
    public void Parse_UnknownExpectedState_ListsTheStateIds()
    {
        AssertErrors(
            "assessedOn: 2025-11-20\nexpect:\n  state: oligo\n",
            $"t.yaml:3:10: error: expect.state: unknown state 'oligo'. Allowed: {string.Join(", ", StateIds.All)}");
    }

    // ---- one error class at a time -----------------------------------------------------------------

    [Test]
    public void Parse_UnknownKey_SuggestsTheClosestKey()
    {
        AssertErrors(Edit("ecog: 1", "ecgo: 1"), $"""
            t.yaml:3:1: error: ecgo: unknown key 'ecgo'; did you mean 'ecog'? Allowed keys: {AllowedTopKeys}
            """);
    }

    [Test]
    public void Parse_UnknownKeyWithoutCloseMatch_ListsAllowedKeys()
    {
        AssertErrors(Edit("ecog: 1", "performance: 1"), $"""
            t.yaml:3:1: error: performance: unknown key 'performance'. Allowed keys: {AllowedTopKeys}
            """);
    }

    [Test]
    public void Parse_UnknownNestedKey_ReportsItsPath()
    {
        AssertErrors(Edit("{ organ: adrenal, status: new }", "{ organ: adrenal, stauts: new }"), """
            t.yaml:19:25: error: metastases.lesions[0].stauts: unknown key 'stauts'; did you mean 'status'? Allowed keys: organ, sizeMm, status, treatable, symptomatic, diffuse, location, boneSite, detectedOn
            """);
    }

    [Test]
    public void Parse_UnknownEnumValue_ListsAllowedValues()
    {
        AssertErrors(Edit("histology: adenocarcinoma", "histology: adenocarcenoma"), """
            t.yaml:5:14: error: primary.histology: unknown value 'adenocarcenoma'; did you mean 'adenocarcinoma'? Allowed: adenocarcinoma, squamous, nsclc-nos, large-cell, small-cell, adenosquamous
            """);
    }

    [Test]
    public void Parse_UnknownOrgan_ListsAllowedOrgans()
    {
        AssertErrors(Edit("organ: adrenal", "organ: kidney"), """
            t.yaml:19:16: error: metastases.lesions[0].organ: unknown value 'kidney'. Allowed: brain, bone, liver, adrenal, lung, pleura, lymph-node-distant, lymph-node-mediastinal, other, lymph-node-hilar, lymph-node-supraclavicular
            """);
    }

    [Test]
    public void Parse_WrongScalarType_SaysWhatWasExpected()
    {
        AssertErrors(Edit("ageYears: 58", "ageYears: old"), """
            t.yaml:2:11: error: ageYears: expected a whole number, found 'old'
            """);
    }

    [Test]
    public void Parse_QuotedNumber_IsAWrongType()
    {
        AssertErrors(Edit("ecog: 1", "ecog: \"1\""), """
            t.yaml:3:7: error: ecog: expected a whole number, found the quoted text "1"; write numbers without quotes (ecog: 1)
            """);
    }

    [Test]
    public void Parse_ScalarWhereMappingExpected_ListsTheKeys()
    {
        AssertErrors(Edit("history: { polymetastatic: false, oligometastatic: false }", "history: no"), """
            t.yaml:9:10: error: history: expected a mapping of keys (polymetastatic, oligometastatic), found a scalar
            """);
    }

    [Test]
    public void Parse_YesForABoolean_IsAWrongType()
    {
        AssertErrors(Edit("polymetastatic: false", "polymetastatic: yes"), """
            t.yaml:9:28: error: history.polymetastatic: expected true or false, found 'yes'
            """);
    }

    [Test]
    public void Parse_EcogSeven_IsOutOfRange()
    {
        AssertErrors(Edit("ecog: 1", "ecog: 7"), """
            t.yaml:3:7: error: ecog: ECOG performance status must be between 0 and 4; found 7
            """);
    }

    [Test]
    public void Parse_Pdl1Tps140_IsOutOfRange()
    {
        AssertErrors(Edit("pdl1Tps: 5", "pdl1Tps: 140"), """
            t.yaml:8:12: error: biomarkers.pdl1Tps: PD-L1 TPS is a percentage between 0 and 100; found 140
            """);
    }

    [Test]
    public void Parse_DateThatDoesNotExist_IsAnError()
    {
        AssertErrors(Edit("assessedOn: 2025-11-20", "assessedOn: 2026-03-10").Replace("diagnosedOn: 2025-11-05", "diagnosedOn: 2026-02-30", StringComparison.Ordinal), """
            t.yaml:16:16: error: metastases.diagnosedOn: '2026-02-30' is not a date that exists
            """);
    }

    [Test]
    public void Parse_DateInAnotherFormat_AsksForIso()
    {
        AssertErrors(Edit("diagnosedOn: 2025-11-05", "diagnosedOn: 05/11/2025"), """
            t.yaml:16:16: error: metastases.diagnosedOn: expected a date as yyyy-MM-dd, found '05/11/2025'
            """);
    }

    [Test]
    public void Parse_TherapyStoppedBeforeItStarted_IsAnError()
    {
        AssertErrors(Edit("    ongoing: true\n", "    stoppedOn: 2025-11-10\n"), """
            t.yaml:14:16: error: systemicTherapies[0].stoppedOn: the therapy stopped on 2025-11-10, before it started on 2025-11-14
            """);
    }

    [Test]
    public void Parse_DateAfterAssessedOn_IsAnError()
    {
        AssertErrors(Edit("diagnosedOn: 2025-11-05", "diagnosedOn: 2025-12-02"), """
            t.yaml:16:16: error: metastases.diagnosedOn: the date 2025-12-02 is after the assessment date (assessedOn 2025-11-20)
            """);
    }

    [Test]
    public void Parse_DateOnAssessedOn_IsAccepted()
    {
        Assert.That(Parse(Edit("diagnosedOn: 2025-11-05", "diagnosedOn: 2025-11-20")).IsValid, Is.True);
    }

    [Test]
    public void Parse_MissingAssessedOn_IsAnError()
    {
        AssertErrors(Edit("assessedOn: 2025-11-20\n", string.Empty), """
            t.yaml:1:1: error: assessedOn: the required key 'assessedOn' is missing
            """);
    }

    [Test]
    public void Parse_LesionWithoutOrgan_IsOneError()
    {
        AssertErrors(Edit("{ organ: adrenal, status: new }", "{ status: new }"), """
            t.yaml:19:7: error: metastases.lesions[0].organ: the required key 'organ' is missing
            """);
    }

    [Test]
    public void Parse_TherapyWithoutKind_IsAnError()
    {
        AssertErrors(Edit("    kind: egfr-tki\n", string.Empty), """
            t.yaml:11:5: error: systemicTherapies[0].kind: the kind of therapy is required
            """);
    }

    [Test]
    public void Parse_DuplicateKey_IsAnError()
    {
        AssertErrors(Edit("ecog: 1\n", "ecog: 1\necog: 2\n"), """
            t.yaml:4:1: error: the key 'ecog' appears twice in the same mapping
            """);
    }

    [Test]
    public void Parse_MalformedYaml_ReportsWhereTheParserStopped()
    {
        AssertErrors("assessedOn: 2025-11-20\nprimary: [1, 2\n", """
            t.yaml:3:1: error: malformed YAML: While parsing a flow sequence, did not find expected ',' or ']'
            """);
    }

    [Test]
    public void Parse_FlowListLeftOpenAcrossBlockLines_IsMalformedNotACrash()
    {
        // Regression: YamlDotNet throws InvalidOperationException (not YamlException) here; it escaped Parse.
        AssertErrors(Edit("imaging: [fdg-pet-ct, brain-mri]", "imaging: [fdg-pet-ct, brain-mri"), """
            t.yaml:17:13: error: malformed YAML: the document cannot be read beyond this point
            """);
    }

    [Test]
    public void Parse_TwoDocuments_IsAnError()
    {
        AssertErrors("assessedOn: 2025-11-20\n---\nassessedOn: 2025-11-21\n", """
            t.yaml:2:1: error: only one document is allowed per file; found a second '---' document
            """);
    }

    [Test]
    public void Parse_EmptyDocument_IsAnError()
    {
        AssertErrors(string.Empty, "t.yaml:1:1: error: the document is empty");
    }

    [Test]
    public void Parse_YamlTag_IsRejected()
    {
        AssertErrors("assessedOn: !!str 2025-11-20\n", "t.yaml:1:13: error: YAML tags ('tag:yaml.org,2002:str') are not supported");
    }

    // ---- hostile input -------------------------------------------------------------------------------

    [Test]
    public void Load_AliasBomb_FailsFastOnTheExpansionLimit()
    {
        var watch = Stopwatch.StartNew();

        var result = PatientDocument.Load(RepoPaths.Seed("invalid/alias-bomb.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Findings.Select(f => f.ToString()), Is.EqualTo(new[]
            {
                "alias-bomb.yaml:8:10: error: the document expands to more than 100,000 nodes (aliases counted in full)",
            }));
            Assert.That(result.Patient, Is.Null);
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "stopped while reading, not after expanding");
        });
    }

    [Test]
    public void Parse_MoreThanFiftyAliases_IsAnError()
    {
        var text = "assessedOn: &d 2025-11-20\nid: [" + string.Join(", ", Enumerable.Repeat("*d", 51)) + "]\n";

        var result = Parse(text);

        Assert.That(result.Findings.Single().ToString(), Is.EqualTo("t.yaml:2:206: error: more than 50 aliases (*name); aliases are limited to stop alias bombs"));
    }

    [Test]
    public void Parse_AliasToUndefinedAnchor_IsAnError()
    {
        AssertErrors("assessedOn: 2025-11-20\nid: *nowhere\n", "t.yaml:2:5: error: the alias '*nowhere' refers to no anchor defined before it");
    }

    [Test]
    public void Parse_DocumentOverOneMebibyte_NamesTheLimit()
    {
        var text = "assessedOn: 2025-11-20\n#" + new string('x', 1024 * 1024) + "\n";

        AssertErrors(text, "t.yaml: error: the document is 1,048,601 bytes; the limit is 1,048,576 bytes");
    }

    [Test]
    public void Load_FileOverOneMebibyte_IsRejectedBeforeReading()
    {
        var path = TempFile("big.yaml", Encoding.UTF8.GetBytes("assessedOn: 2025-11-20\n#" + new string('x', 20 * 1024 * 1024) + "\n"));

        var result = PatientDocument.Load(path);

        Assert.That(result.Findings.Select(f => f.ToString()), Is.EqualTo(new[] { "big.yaml: error: the file is 20,971,545 bytes; the limit is 1,048,576 bytes" }));
    }

    [Test]
    public void Parse_DeepNesting_IsAnError()
    {
        var text = "assessedOn: 2025-11-20\nid: " + new string('[', 40) + new string(']', 40) + "\n";

        AssertErrors(text, "t.yaml:2:37: error: the document nests deeper than 32 levels");
    }

    [Test]
    public void Parse_CustomLimits_AreApplied()
    {
        var result = PatientDocument.Parse(Valid, "t.yaml", new DocumentLimits { MaxDepth = 2 });

        Assert.That(result.Findings.Single().Message, Is.EqualTo("the document nests deeper than 2 levels"));
    }

    [Test]
    public void Load_InvalidUtf8_IsAnError()
    {
        var path = TempFile("latin1.yaml", [.. Encoding.ASCII.GetBytes("assessedOn: 2025-11-20\nid: caf"), 0xE9, (byte)'\n']);

        var result = PatientDocument.Load(path);

        Assert.Multiple(() =>
        {
            Assert.That(result.Findings.Select(f => f.ToString()), Is.EqualTo(new[] { "latin1.yaml: error: the file is not valid UTF-8 text" }));
            Assert.That(result.Patient, Is.Null);
        });
    }

    [Test]
    public void Load_MissingFile_IsAnError()
    {
        var result = PatientDocument.Load(Path.Combine(Path.GetTempPath(), "oligodecide-no-such-dir", "none.yaml"));

        Assert.That(result.Findings.Select(f => f.ToString()), Is.EqualTo(new[] { "none.yaml: error: the file does not exist" }));
    }

    // ---- many errors, no partial patient, no free text ------------------------------------------------

    [Test]
    public void Parse_SeveralErrors_AreAllReportedInDocumentOrder()
    {
        var text = Valid
            .Replace("ecog: 1", "ecog: 7", StringComparison.Ordinal)
            .Replace("ageYears: 58", "agYears: 58", StringComparison.Ordinal)
            .Replace("histology: adenocarcinoma", "histology: adenocarcenoma", StringComparison.Ordinal)
            .Replace("pdl1Tps: 5", "pdl1Tps: 140", StringComparison.Ordinal)
            .Replace("    ongoing: true\n", "    stoppedOn: 2025-11-10\n", StringComparison.Ordinal)
            .Replace("diagnosedOn: 2025-11-05", "diagnosedOn: 2025-12-02", StringComparison.Ordinal);

        AssertErrors(text, """
            t.yaml:2:1: error: agYears: unknown key 'agYears'; did you mean 'ageYears'? Allowed keys: id, assessedOn, ageYears, sex, ecog, smoking, primary, biomarkers, history, systemicTherapies, radiotherapy, metastases, treatmentIntent, preference, expect
            """, """
            t.yaml:3:7: error: ecog: ECOG performance status must be between 0 and 4; found 7
            """, """
            t.yaml:5:14: error: primary.histology: unknown value 'adenocarcenoma'; did you mean 'adenocarcinoma'? Allowed: adenocarcinoma, squamous, nsclc-nos, large-cell, small-cell, adenosquamous
            """, """
            t.yaml:8:12: error: biomarkers.pdl1Tps: PD-L1 TPS is a percentage between 0 and 100; found 140
            """, """
            t.yaml:14:16: error: systemicTherapies[0].stoppedOn: the therapy stopped on 2025-11-10, before it started on 2025-11-14
            """, """
            t.yaml:16:16: error: metastases.diagnosedOn: the date 2025-12-02 is after the assessment date (assessedOn 2025-11-20)
            """);
    }

    [Test]
    public void Parse_MissingAssessedOnAndEcogSeven_ReportsBoth()
    {
        AssertErrors(Edit("assessedOn: 2025-11-20\n", string.Empty).Replace("ecog: 1", "ecog: 7", StringComparison.Ordinal), """
            t.yaml:1:1: error: assessedOn: the required key 'assessedOn' is missing
            """, """
            t.yaml:2:7: error: ecog: ECOG performance status must be between 0 and 4; found 7
            """);
    }

    [Test]
    public void GetPatientOrThrow_InvalidDocument_ThrowsWithEveryFinding()
    {
        var result = Parse(Edit("ecog: 1", "ecog: 7").Replace("pdl1Tps: 5", "pdl1Tps: 140", StringComparison.Ordinal));

        var ex = Assert.Throws<InvalidDocumentException>(() => result.GetPatientOrThrow());

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Findings, Has.Count.EqualTo(2));
            Assert.That(ex.Message, Is.EqualTo(string.Join(Environment.NewLine,
                "2 error(s):",
                "  t.yaml:3:7: error: ecog: ECOG performance status must be between 0 and 4; found 7",
                "  t.yaml:8:12: error: biomarkers.pdl1Tps: PD-L1 TPS is a percentage between 0 and 100; found 140")));
        });
    }

    [Test]
    public void Parse_Errors_NeverEchoFreeText()
    {
        // Free text (id, stage, therapy name, radiotherapy site) next to every kind of error in the same items.
        const string text = """
            id: Secret-Id
            assessedOn: 2025-11-20
            primary: { stage: Secret-Stage, diagnosedOn: 2025-12-01, histology: squamous, sclcExtent: limited }
            systemicTherapies:
              - { name: Secret-Drug, kind: immuno, startedOn: 2025-11-14, stoppedOn: 2025-11-10 }
              - { name: Secret-Other, startedOn: 2025-12-14 }
            radiotherapy:
              - { site: Secret-Site, doseGy: 500, fractions: 0, startedOn: 2025-11-14, stoppedOn: 2025-11-10 }
            """;

        var result = Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That(result.Findings, Has.Count.GreaterThanOrEqualTo(8), string.Join("\n", result.Findings));
            Assert.That(result.Findings.Select(f => f.ToString()), Has.None.Contains("Secret"));
            Assert.That(() => result.GetPatientOrThrow(), Throws.TypeOf<InvalidDocumentException>().With.Message.Not.Contains("Secret"));
        });
    }

    [Test]
    public void Validate_PatientBuiltInCode_ReportsPathsWithoutPositions()
    {
        var patient = new Patient { AssessedOn = new DateOnly(2025, 1, 1), Ecog = 5, Metastases = new Metastases { Lesions = [new Lesion()] } };

        var findings = PatientDocument.Validate(patient);

        Assert.That(findings.Select(f => f.ToString()), Is.EqualTo(new[]
        {
            "<patient>: error: ecog: ECOG performance status must be between 0 and 4; found 5",
            "<patient>: error: metastases.lesions[0].organ: the organ of every lesion is required",
        }));
    }

    /// <summary>
    /// Every check of the validator on list items and dates at once, over several items, pinned to the exact path, code,
    /// message and order (the list checks were moved off FluentValidation's child rules for speed: this test was written
    /// against the child-rule version first and must give the same findings). The first item of each list is valid, so
    /// a wrong index shows.
    /// </summary>
    [Test]
    public void Validate_EveryListAndDateCheck_GivesItsPathCodeMessageAndOrder()
    {
        var d = (int y, int m, int day) => new DateOnly(y, m, day);
        var patient = new Patient
        {
            AssessedOn = d(2025, 1, 1),
            AgeYears = 30,
            Primary = new PrimaryTumour { DiagnosedOn = d(1990, 1, 1), Histology = Histology.Squamous, SclcExtent = SclcExtent.Limited },
            SystemicTherapies =
            [
                new SystemicTherapy { Kind = TherapyKind.Chemotherapy, StartedOn = d(2024, 1, 1), StoppedOn = d(2024, 3, 1), Cycles = 4 },
                new SystemicTherapy { StartedOn = d(2024, 5, 1), StoppedOn = d(2024, 4, 1), Ongoing = true, ProgressedOn = d(2024, 4, 15), Cycles = 0 },
                new SystemicTherapy { Kind = TherapyKind.Immunotherapy, StartedOn = d(2025, 2, 1), Ongoing = true, Cycles = 101 },
            ],
            Radiotherapy =
            [
                new RadiotherapyCourse { DoseGy = 60m, Fractions = 30, StartedOn = d(2024, 1, 1), StoppedOn = d(2024, 2, 1) },
                new RadiotherapyCourse { DoseGy = 0m, Fractions = 0, StartedOn = d(2024, 6, 1), StoppedOn = d(2024, 5, 1) },
                new RadiotherapyCourse { DoseGy = 200m, Fractions = 101, StartedOn = d(1900, 1, 1) },
            ],
            Metastases = new Metastases
            {
                DiagnosedOn = d(9999, 12, 1),
                Lesions = [new Lesion { Organ = Organ.Liver, SizeMm = 12.5m }, new Lesion { SizeMm = 0m }, new Lesion { Organ = Organ.Bone, SizeMm = 1000m }],
            },
        };

        var findings = PatientDocument.Validate(patient);

        Assert.That(findings.Select(f => $"{f.Path} [{f.Code}] {f.Message}"), Is.EqualTo(new[]
        {
            "primary.diagnosedOn [OD0305] the date 1990-01-01 is before the patient was born (ageYears 30 on assessedOn 2025-01-01); check the date or ageYears",
            "systemicTherapies[2].startedOn [OD0302] the date 2025-02-01 is after the assessment date (assessedOn 2025-01-01)",
            "radiotherapy[2].startedOn [OD0204] 1900-01-01 is not a plausible date (before 1900-01-02): it looks like an export tool's placeholder for an unknown date; if the date is unknown, leave the key out",
            "metastases.diagnosedOn [OD0204] 9999-12-01 cannot be used: dates after 9999-06-30 leave no room for the classification's six-month windows",
            "primary.sclcExtent [OD0305] sclcExtent applies to small-cell histology only",
            "systemicTherapies[1].kind [OD0304] the kind of therapy is required",
            "systemicTherapies[1].stoppedOn [OD0303] the therapy stopped on 2024-04-01, before it started on 2024-05-01",
            "systemicTherapies[1].ongoing [OD0305] the therapy is marked ongoing but has a stop date (2024-04-01)",
            "systemicTherapies[1].progressedOn [OD0305] progression on 2024-04-15 is before the therapy started on 2024-05-01",
            "systemicTherapies[1].cycles [OD0301] cycles must be between 1 and 100; found 0",
            "systemicTherapies[2].cycles [OD0301] cycles must be between 1 and 100; found 101",
            "radiotherapy[1].doseGy [OD0301] the dose must be more than 0 and less than 200 Gy; found 0",
            "radiotherapy[1].fractions [OD0301] fractions must be between 1 and 100; found 0",
            "radiotherapy[1].stoppedOn [OD0303] the course stopped on 2024-05-01, before it started on 2024-06-01",
            "radiotherapy[2].doseGy [OD0301] the dose must be more than 0 and less than 200 Gy; found 200",
            "radiotherapy[2].fractions [OD0301] fractions must be between 1 and 100; found 101",
            "metastases.lesions[1].organ [OD0304] the organ of every lesion is required",
            "metastases.lesions[1].sizeMm [OD0301] lesion size must be more than 0 and less than 1000 mm; found 0",
            "metastases.lesions[2].sizeMm [OD0301] lesion size must be more than 0 and less than 1000 mm; found 1000",
        }));
    }

    // ---- JSON is YAML --------------------------------------------------------------------------------

    private const string JsonTwinOfSynchronousEgfrAdeno = """
        {
          "id": "case-synchronous-egfr-01",
          "assessedOn": "2025-11-20",
          "ageYears": 58,
          "sex": "female",
          "ecog": 1,
          "smoking": "never",
          "primary": { "histology": "adenocarcinoma", "diagnosedOn": "2025-10-28", "stage": "cT2aN1M1c", "stageGroup": "IVB", "controlled": false },
          "biomarkers": { "pdl1Tps": 5, "egfr": "exon19-deletion", "alk": "negative", "ros1": "negative", "kras": "negative" },
          "history": { "polymetastatic": false, "oligometastatic": false },
          "systemicTherapies": [
            { "name": "osimertinib", "kind": "egfr-tki", "startedOn": "2025-11-14", "ongoing": true, "bestResponse": "unknown" }
          ],
          "radiotherapy": [],
          "metastases": {
            "diagnosedOn": "2025-11-05",
            "imaging": ["fdg-pet-ct", "brain-mri"],
            "lesions": [
              { "organ": "bone", "sizeMm": 18, "status": "new", "treatable": true, "symptomatic": false },
              { "organ": "adrenal", "sizeMm": 24, "status": "new", "treatable": true, "symptomatic": false },
              { "organ": "brain", "sizeMm": 9, "status": "new", "treatable": true, "symptomatic": false }
            ]
          },
          "expect": {
            "state": "synchronous-oligometastatic",
            "options": ["mdt-discussion", "brain-metastases-outside-guideline"],
            "notOptions": ["biopsy-solitary-metastasis", "caution-sabr-toxicity", "egfr-tki-plus-rt-all-sites", "lat-oligopersistence", "lat-then-pembrolizumab", "oligoprogression-lat-continue-systemic", "sbrt-plus-pembrolizumab", "staging-incomplete", "systemic-therapy-polymetastatic"]
          }
        }
        """;

    [Test]
    public void Parse_JsonTwinOfASeed_GivesTheSamePatientAndExpectation()
    {
        var fromYaml = PatientDocument.Load(RepoPaths.Seed("patients/synchronous-egfr-adeno.yaml"));
        var fromJson = PatientDocument.Parse(JsonTwinOfSynchronousEgfrAdeno, "twin.json");

        // Records holding lists compare lists by reference, so compare a full serialisation instead.
        Assert.Multiple(() =>
        {
            Assert.That(fromJson.Findings, Is.Empty);
            Assert.That(JsonSerializer.Serialize(fromJson.Patient), Is.EqualTo(JsonSerializer.Serialize(fromYaml.Patient)));
            Assert.That(JsonSerializer.Serialize(fromJson.Expectation), Is.EqualTo(JsonSerializer.Serialize(fromYaml.Expectation)));
            Assert.That(fromJson.Patient!.Metastases!.Lesions, Has.Count.EqualTo(3), "the comparison is not of two empty patients");
        });
    }

    [Test]
    public void Parse_JsonWithError_ReportsLineAndColumn()
    {
        var json = JsonTwinOfSynchronousEgfrAdeno.Replace("\"ecog\": 1", "\"ecog\": 7", StringComparison.Ordinal);

        Assert.That(PatientDocument.Parse(json, "twin.json").Findings.Select(f => f.ToString()), Is.EqualTo(new[]
        {
            "twin.json:6:11: error: ecog: ECOG performance status must be between 0 and 4; found 7",
        }));
    }

    // ---- the shipped invalid examples -------------------------------------------------------------------

    public static IEnumerable<string> InvalidSeeds() => RepoPaths.SeedNames("invalid");

    [TestCaseSource(nameof(InvalidSeeds))]
    public void Load_InvalidSeed_FailsWithAnError(string name)
    {
        var result = PatientDocument.Load(RepoPaths.Seed(Path.Combine("invalid", name)));

        Assert.Multiple(() =>
        {
            Assert.That(result.Findings.Where(f => f.Severity == Severity.Error), Is.Not.Empty);
            Assert.That(result.Findings.All(f => f.Source == name), Is.True, "findings name the file");
            Assert.That(result.Patient, Is.Null);
        });
    }

    [Test]
    public void InvalidSeeds_AreFound()
    {
        Assert.That(InvalidSeeds().Count(), Is.GreaterThanOrEqualTo(10));
    }

    [Test]
    public void Parse_TherapyWithNeitherStopDateNorOngoing_IsValidWithAWarningAtTheTherapy()
    {
        var result = Parse(Edit("    ongoing: true\n", string.Empty));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True);
            Assert.That(result.Patient!.SystemicTherapies![0].Ongoing, Is.Null, "absent is unknown, not ongoing");
            Assert.That(result.Findings.Select(f => f.ToString()), Is.EqualTo(new[]
            {
                "t.yaml:11:5: warning: systemicTherapies[0]: neither stoppedOn nor ongoing is recorded: whether this therapy is still given is unknown (state `ongoing: true`, or `ongoing: false` when it stopped on an unknown date)",
            }));
        });
    }

    [Test]
    public void Parse_OngoingWithAStopDate_IsAnError()
    {
        AssertErrors(Edit("    ongoing: true\n", "    ongoing: true\n    stoppedOn: 2025-11-15\n"), """
            t.yaml:14:14: error: systemicTherapies[0].ongoing: the therapy is marked ongoing but has a stop date (2025-11-15)
            """);
    }

    [Test]
    public void Parse_NewTherapyAndLesionKeys_AreRead()
    {
        var text = Edit("    ongoing: true\n", "    ongoing: true\n    setting: first-line-metastatic\n    drugClasses: [egfr-tki]\n    cycles: 3\n    progressedOn: 2025-11-18\n")
            .Replace("{ organ: adrenal, status: new }", "{ organ: pleura, status: new, diffuse: true }", StringComparison.Ordinal);

        var t = Parse(text).GetPatientOrThrow();

        Assert.Multiple(() =>
        {
            Assert.That(t.SystemicTherapies![0] with { DrugClasses = null }, Is.EqualTo(new SystemicTherapy
            {
                Name = "Secret Regimen Alpha", Kind = TherapyKind.EgfrTki, StartedOn = new DateOnly(2025, 11, 14), Ongoing = true,
                Setting = TherapySetting.FirstLineMetastatic, Cycles = 3, ProgressedOn = new DateOnly(2025, 11, 18),
            }));
            Assert.That(t.SystemicTherapies![0].DrugClasses, Is.EqualTo(new[] { DrugClass.EgfrTki }));
            Assert.That(t.Metastases!.Lesions![0].Diffuse, Is.True);
        });
    }
}
