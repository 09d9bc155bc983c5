using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Model;
using OligoDecide.Output;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Engine;

/// <summary>
/// Per-lesion dose schedules (issue 12): the right row for the right lesion, never a dose when a deciding
/// fact is unknown, withholding rows win, and the outputs show the table.
/// </summary>
public class LesionScheduleTests
{
    private static readonly OligoDecideEngine Engine = OligoDecideEngine.CreateDefault();

    /// <summary>Metachronous oligorecurrence (controlled primary, ECOG 1, no driver) with the given lesions: sabr-all-metastases fires when they are extracranial and treatable.</summary>
    private static Patient Recurrence(params Lesion[] lesions) => new()
    {
        Id = "schedule-test",
        AssessedOn = new DateOnly(2025, 10, 8),
        Ecog = 1,
        Primary = new PrimaryTumour { Histology = Histology.Adenocarcinoma, DiagnosedOn = new DateOnly(2022, 5, 16), Controlled = true },
        Biomarkers = new Biomarkers { Egfr = EgfrStatus.Negative, Alk = MarkerStatus.Negative, Ros1 = MarkerStatus.Negative, Pdl1Tps = 20 },
        History = new MetastaticHistory { Polymetastatic = false, Oligometastatic = false },
        SystemicTherapies = [new SystemicTherapy { Name = "adjuvant", Kind = TherapyKind.Chemotherapy, StartedOn = new DateOnly(2022, 7, 4), StoppedOn = new DateOnly(2022, 9, 26) }],
        Metastases = new Metastases
        {
            DiagnosedOn = new DateOnly(2025, 9, 15),
            Imaging = [ImagingModality.FdgPetCt, ImagingModality.BrainMri],
            Lesions = lesions,
        },
    };

    private static Lesion Lung(LungLocation? location, decimal? size) =>
        new() { Organ = Organ.Lung, Location = location, SizeMm = size, Status = LesionStatus.New, Treatable = true, Symptomatic = false };

    private static LesionPlan Sabr(Decision d, int lesion) => d.LesionPlans.Single(p => p.Option == "sabr-all-metastases" && p.Lesion == lesion);

    [Test]
    public void LungLocationUnknown_GetsNoSchedule_AndNamesTheMissingFact()
    {
        var d = Engine.Evaluate(Recurrence(Lung(null, 14), Lung(LungLocation.Peripheral, 12)));
        var plan = Sabr(d, 0);
        Assert.Multiple(() =>
        {
            Assert.That(d.ActiveOptions, Does.Contain("sabr-all-metastases"));
            Assert.That(plan.Schedules, Is.Empty, "never a guessed dose");
            Assert.That(plan.Missing.Select(m => m.Fact), Does.Contain("metastases.lesions[0].location"));
            Assert.That(Sabr(d, 1).Schedules.Select(s => s.Row), Is.EqualTo(new[] { "lung-peripheral-3cm" }));
        });
    }

    [Test]
    public void OneRowHolds_AnotherIsUndecided_NoScheduleAtAll()
    {
        // SABR-COMET-10 holds for all four lesions; for the first, the SABR-COMET lung rows are undecided
        // (location missing): giving 20 Gy/1 alone could hide a withholding ultracentral row.
        var d = Engine.Evaluate(Recurrence(Lung(null, 15), Lung(LungLocation.Peripheral, 10), Lung(LungLocation.Peripheral, 11), Lung(LungLocation.Peripheral, 12)));
        var plan = Sabr(d, 0);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Schedules, Is.Empty);
            Assert.That(plan.Missing.Select(m => m.Fact).Distinct(), Is.EqualTo(new[] { "metastases.lesions[0].location" }));
            Assert.That(Sabr(d, 1).Schedules.Select(s => s.Table), Does.Contain("sabr-comet-10"), "the same row does give a dose where nothing is undecided");
        });
    }

    [Test]
    public void PeripheralLungSizeUnknown_GetsNoSchedule_EvenThoughOtherRowsAreFalse()
    {
        var plan = Sabr(Engine.Evaluate(Recurrence(Lung(LungLocation.Peripheral, null))), 0);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Schedules, Is.Empty);
            Assert.That(plan.Missing.Select(m => m.Fact).Distinct(), Is.EqualTo(new[] { "metastases.lesions[0].sizeMm" }));
        });
    }

    [TestCase(30, "lung-peripheral-3cm", 54, 3)]
    [TestCase(30.1, "lung-peripheral-over-3cm", 55, 5)]
    public void PeripheralLung_ThreeCentimetreBoundary_PicksTheTableRow(decimal size, string row, decimal gy, int fractions)
    {
        var plan = Sabr(Engine.Evaluate(Recurrence(Lung(LungLocation.Peripheral, size))), 0);
        var match = plan.Schedules.Single(s => s.Table == "sabr-comet");
        Assert.Multiple(() =>
        {
            Assert.That(match.Row, Is.EqualTo(row));
            Assert.That(match.Doses.Single(), Is.EqualTo(new Fractionation(gy, null, fractions, null, Rhythm.EverySecondDay)));
            Assert.That(match.Evidence.Single().Id, Is.EqualTo("sabr-comet-protocol-2012"));
            Assert.That(match.Because.Select(b => b.Condition), Does.Contain("organ = lung"));
        });
    }

    [Test]
    public void UltracentralLung_IsWithheld_EvenWhereSabrComet10WouldGiveADose()
    {
        // Four metastases: the SABR-COMET-10 row holds for every one, but the HILUS row withholds the ultracentral one.
        var d = Engine.Evaluate(Recurrence(
            Lung(LungLocation.Ultracentral, 15), Lung(LungLocation.Peripheral, 10), Lung(LungLocation.ChestWall, 12), Lung(LungLocation.Central, 20)));
        var ultra = Sabr(d, 0);
        Assert.Multiple(() =>
        {
            Assert.That(ultra.Withheld, Is.True);
            Assert.That(ultra.Schedules, Is.Empty);
            Assert.That(ultra.Cautions.Single().Evidence.Single().Id, Is.EqualTo("hilus-2021"));
            Assert.That(Sabr(d, 1).Schedules.Select(s => s.Table), Is.EquivalentTo(new[] { "sabr-comet", "sabr-comet-10" }));
            Assert.That(Sabr(d, 3).Schedules.Select(s => $"{s.Table}/{s.Row}"), Is.EquivalentTo(new[] { "sabr-comet/lung-central", "sabr-comet-10/four-to-ten", "rtog-0813/central-five-fractions" }));
            Assert.That(Sabr(d, 3).Schedules.Single(s => s.Table == "rtog-0813").Note, Does.Contain("not metastases"));
        });
    }

    [Test]
    public void RegionalNode_IsNotTreated_AndNoPlanWhenTheOptionDoesNotFire()
    {
        var node = new Lesion { Organ = Organ.LymphNodeMediastinal, Status = LesionStatus.New, Treatable = true };
        var d = Engine.Evaluate(Recurrence(Lung(LungLocation.Peripheral, 12), node));
        Assert.That(d.LesionPlans.Where(p => p.Option == "sabr-all-metastases").Select(p => p.Lesion), Is.EqualTo(new[] { 0 }));

        var ecog3 = Engine.Evaluate(Recurrence(Lung(LungLocation.Peripheral, 12)) with { Ecog = 3 });
        Assert.That(ecog3.LesionPlans.Where(p => p.Option == "sabr-all-metastases"), Is.Empty, "no schedule for an option that did not fire");
    }

    [Test]
    public void JsonAndText_ShowThePerLesionTable()
    {
        var d = Engine.Evaluate(Recurrence(Lung(LungLocation.Peripheral, 12), Lung(null, 20)));
        var json = JsonOutput.Write(d);
        var text = TextOutput.Write(d);
        Assert.Multiple(() =>
        {
            Assert.That(json, Does.Contain("\"lesionSchedules\""));
            Assert.That(json, Does.Contain("\"row\": \"lung-peripheral-3cm\""));
            Assert.That(json, Does.Contain("\"rhythm\": \"every-second-day\""));
            Assert.That(json, Does.Contain("\"fact\": \"metastases.lesions[1].location\""));
            Assert.That(text, Does.Contain("Dose schedules per treated lesion:"));
            Assert.That(text, Does.Match(@"#0 lung 12 mm\s+54 Gy / 3 fx, every second day\s+sabr-comet/lung-peripheral-3cm"));
            Assert.That(text, Does.Match(@"#1 lung 20 mm\s+none: a deciding fact is missing"));
        });
    }

    [Test]
    public void Report_FillsTheDoseScheduleSection()
    {
        var patient = Recurrence(Lung(LungLocation.Ultracentral, 15), Lung(LungLocation.Peripheral, 12));
        var html = ReportWriter.Write(Engine.Evaluate(patient), patient);
        var section = html[html.IndexOf("<section id=\"dose-schedules\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(section, Does.Not.Contain("pending"));
            Assert.That(section, Does.Contain("54 Gy / 3 fx, every second day"));
            Assert.That(section, Does.Contain("No schedule. Caution: Lung, touching the proximal bronchial tree"));
            Assert.That(section, Does.Contain("HILUS"));
        });
    }

    [Test]
    public void ProgressingTreatment_SkipsStableLesions_AndListsAnUnknownStatus()
    {
        var set = RuleSet.LoadDefault().Schedules;
        var treatment = set.Treatments.Single(t => t.Option == "oligoprogression-lat-continue-systemic");
        var facts = OligoDecide.Facts.PatientFactsBuilder.Build(
            Recurrence(
                Lung(LungLocation.Peripheral, 12) with { Status = LesionStatus.Progressing },
                Lung(LungLocation.Peripheral, 12) with { Status = LesionStatus.Stable },
                Lung(LungLocation.Peripheral, 12) with { Status = null }),
            OligoDecide.Classification.OligometastaticClassifier.Default.Classify(Recurrence(Lung(LungLocation.Peripheral, 12))));
        var suggestion = new Suggestion("r", RuleKind.Option, treatment.Option, "t", "t", [], [], [], null);
        var plans = new LesionPlanner(set).Plan(facts, [suggestion]);
        Assert.Multiple(() =>
        {
            Assert.That(plans.Select(p => p.Lesion), Is.EqualTo(new[] { 0, 2 }));
            Assert.That(plans[0].Schedules.Select(s => s.Row), Does.Contain("lung-peripheral-3cm"));
            Assert.That(plans[1].Schedules, Is.Empty);
            Assert.That(plans[1].Missing.Single().Fact, Is.EqualTo("metastases.lesions[2].status"));
        });
    }
}
