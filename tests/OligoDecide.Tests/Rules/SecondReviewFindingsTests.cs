using OligoDecide.Engine;
using OligoDecide.Model;

namespace OligoDecide.Tests.Rules;

/// <summary>
/// The second expert review (seeds/review2/REVIEW.md): the three-valued edges of the fixes that the seed cases,
/// which assert only fired options, cannot show: what an unknown fact does to each new gate.
/// </summary>
public class SecondReviewFindingsTests
{
    private static readonly OligoDecideEngine Engine = OligoDecideEngine.CreateDefault();

    /// <summary>Untreated synchronous driver-negative adenocarcinoma, 2 treatable extracranial metastases, brain MRI clear, ECOG 0 (review case r06).</summary>
    private static Patient Untreated(decimal? pdl1, PatientPreference? preference = null, TreatmentIntent? intent = null, Lesion? first = null) => new()
    {
        Id = "review2-test",
        AssessedOn = new DateOnly(2026, 11, 21),
        Ecog = 0,
        Primary = new PrimaryTumour { Histology = Histology.Adenocarcinoma, DiagnosedOn = new DateOnly(2026, 10, 28), Controlled = false },
        Biomarkers = new Biomarkers { Egfr = EgfrStatus.Negative, Alk = MarkerStatus.Negative, Ros1 = MarkerStatus.Negative, Kras = KrasStatus.Other, Pdl1Tps = pdl1 },
        History = new MetastaticHistory { Polymetastatic = false, Oligometastatic = false },
        SystemicTherapies = [],
        Radiotherapy = [],
        Preference = preference,
        TreatmentIntent = intent,
        Metastases = new Metastases
        {
            DiagnosedOn = new DateOnly(2026, 11, 6),
            Imaging = [ImagingModality.FdgPetCt, ImagingModality.BrainMri],
            Lesions =
            [
                first ?? new Lesion { Organ = Organ.Bone, BoneSite = BoneSite.Other, SizeMm = 17, Status = LesionStatus.New, Treatable = true, Symptomatic = false },
                new Lesion { Organ = Organ.Adrenal, SizeMm = 21, Status = LesionStatus.New, Treatable = true, Symptomatic = false },
            ],
        },
    };

    [Test]
    public void PembrolizumabAlone_Pdl1Unknown_CouldApplyNamingPdl1()
    {
        var d = Engine.Evaluate(Untreated(pdl1: null));
        var could = d.CouldApply.Where(c => c.Option is "lat-then-pembrolizumab" or "sbrt-plus-pembrolizumab").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(d.ActiveOptions, Does.Not.Contain("lat-then-pembrolizumab").And.Not.Contain("sbrt-plus-pembrolizumab"));
            Assert.That(could.Select(c => c.Option), Is.EquivalentTo(new[] { "lat-then-pembrolizumab", "sbrt-plus-pembrolizumab" }));
            Assert.That(could.SelectMany(c => c.Missing).Select(m => m.Fact).Distinct(), Is.EqualTo(new[] { "biomarkers.pdl1Tps" }));
        });
    }

    [TestCase(49, false)]
    [TestCase(50, true)]
    public void PembrolizumabAlone_Untreated_Pdl1Boundary(decimal pdl1, bool fires)
    {
        var d = Engine.Evaluate(Untreated(pdl1));
        Assert.Multiple(() =>
        {
            Assert.That(d.ActiveOptions.Contains("lat-then-pembrolizumab"), Is.EqualTo(fires));
            Assert.That(d.CouldApply.Select(c => c.Option), Does.Not.Contain("lat-then-pembrolizumab"), "PD-L1 is known: fires or not, never could-apply");
        });
    }

    [Test]
    public void Preference_Unrecorded_WithholdsNothing_AndIsNeverAMissingFact()
    {
        var d = Engine.Evaluate(Untreated(80));
        Assert.Multiple(() =>
        {
            Assert.That(d.ActiveOptions, Does.Contain("lat-then-pembrolizumab").And.Contain("sbrt-plus-pembrolizumab"));
            Assert.That(d.ActiveOptions, Does.Not.Contain("patient-declines-local-therapy"));
            Assert.That(d.CouldApply.SelectMany(c => c.Missing).Select(m => m.Fact), Does.Not.Contain("preference").And.Not.Contain("treatmentIntent"));
        });
    }

    [Test]
    public void Declined_WithholdsEveryLocalOption_NotEvenCouldApply_AndSaysWhy()
    {
        // Brain not imaged: without the refusal the all-sites option would be could-apply; with it, it is false.
        var patient = Untreated(80, PatientPreference.DeclinesLocalTherapy);
        patient = patient with { Metastases = patient.Metastases! with { Imaging = [ImagingModality.FdgPetCt] } };
        var d = Engine.Evaluate(patient);
        Assert.Multiple(() =>
        {
            Assert.That(d.ActiveOptions, Does.Contain("patient-declines-local-therapy"));
            Assert.That(d.ActiveOptions, Does.Not.Contain("sbrt-plus-pembrolizumab").And.Not.Contain("lat-then-pembrolizumab"));
            Assert.That(d.CouldApply.Select(c => c.Option), Does.Not.Contain("lat-then-pembrolizumab"));
        });
    }

    [Test]
    public void PalliativeIntent_WithholdsAllSitesAblation_KeepsSbrtToOneLesion()
    {
        var d = Engine.Evaluate(Untreated(80, intent: TreatmentIntent.Palliative));
        Assert.Multiple(() =>
        {
            Assert.That(d.ActiveOptions, Does.Not.Contain("lat-then-pembrolizumab"));
            Assert.That(d.ActiveOptions, Does.Contain("sbrt-plus-pembrolizumab"));
        });
    }

    [TestCase(null, true)]
    [TestCase(false, false)]
    public void TreatsOne_OnlyTreatableLesionsAreCandidates(bool? treatable, bool listedWithoutSchedule)
    {
        var spine = new Lesion { Organ = Organ.Bone, BoneSite = BoneSite.Spine, SizeMm = 35, Status = LesionStatus.New, Treatable = treatable, Symptomatic = true };
        var d = Engine.Evaluate(Untreated(70, first: spine));
        var plans = d.LesionPlans.Where(p => p.Option == "sbrt-plus-pembrolizumab").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(d.ActiveOptions, Does.Contain("sbrt-plus-pembrolizumab").And.Contain("symptomatic-spinal-metastasis"));
            Assert.That(plans.Single(p => p.Lesion == 1).Schedules, Is.Not.Empty, "the treatable adrenal lesion is a candidate");
            var spinePlan = plans.SingleOrDefault(p => p.Lesion == 0);
            if (listedWithoutSchedule)
            {
                Assert.That(spinePlan, Is.Not.Null);
                Assert.That(spinePlan!.Schedules, Is.Empty, "never a dose for a lesion not judged treatable");
                Assert.That(spinePlan.Missing.Select(m => m.Fact), Is.EqualTo(new[] { "metastases.lesions[0].treatable" }));
            }
            else
            {
                Assert.That(spinePlan, Is.Null, "a lesion judged not treatable is no candidate");
            }
        });
    }
}
