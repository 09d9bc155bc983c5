using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Facts;
using OligoDecide.Model;
using static OligoDecide.Tests.TestPatients;

namespace OligoDecide.Tests.Facts;

/// <summary>Derived rule facts (issue 11): list-order independence, first-line duration, progression limits, brain imaging.</summary>
public class PatientFactsBuilderTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static PatientFacts Facts(Patient p) => PatientFactsBuilder.Build(p, OligometastaticClassifier.Default.Classify(p));

    private static Patient Seed(string name) => PatientDocument.Load(Path.Combine(RepoPaths.SeedPatients, name)).GetPatientOrThrow();

    [Test]
    public void FirstLine_SameDayTherapies_GiveTheSameFactsInEitherListOrder()
    {
        // Shared case 01: chemotherapy (partial) and pembrolizumab (response unknown) started the same day.
        var a = Facts(Seed("first-line-same-day-chemo-listed-first.yaml"));
        var b = Facts(Seed("first-line-same-day-immunotherapy-listed-first.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(a.FirstLineWithoutProgression, Is.Null, "one entry's response is unknown");
            Assert.That(b.FirstLineWithoutProgression, Is.EqualTo(a.FirstLineWithoutProgression));
            Assert.That(b.FirstLineMonths, Is.EqualTo(a.FirstLineMonths).And.EqualTo(2.1m));
        });
    }

    [TestCase(Response.Partial, Response.Stable, true)]
    [TestCase(Response.Stable, Response.Partial, true)]
    [TestCase(Response.Partial, Response.Progressive, false)]
    [TestCase(Response.Progressive, Response.Partial, false)]
    public void FirstLine_SameDayPair_IsCombinedWhateverTheOrder(Response first, Response second, bool expected)
    {
        var start = D(2025, 3, 1);
        var p = Metachronous(
            Therapy(start, D(2025, 6, 1)) with { BestResponse = first },
            Therapy(start, D(2025, 6, 1), TherapyKind.Immunotherapy) with { BestResponse = second });

        Assert.That(Facts(p).FirstLineWithoutProgression, Is.EqualTo(expected));
    }

    [Test]
    public void FirstLine_LaterLineStarted_IsNotWithoutProgressionEvenIfTheFirstResponded()
    {
        var p = Metachronous(
            Therapy(D(2025, 3, 1), D(2025, 6, 1)) with { BestResponse = Response.Partial, Setting = TherapySetting.FirstLineMetastatic, Cycles = 4 },
            Therapy(D(2025, 7, 1)) with { BestResponse = Response.Stable, Setting = TherapySetting.LaterLine });

        var facts = Facts(p);

        Assert.Multiple(() =>
        {
            Assert.That(facts.FirstLineWithoutProgression, Is.False);
            Assert.That(facts.FirstLineCycles, Is.EqualTo(4));
        });
    }

    [Test]
    public void FirstLine_AdjuvantTherapyIsNotTheFirstLine_WhenSettingsAreRecorded()
    {
        var p = Metachronous(
            Therapy(D(2022, 3, 1), D(2022, 6, 1)) with { BestResponse = Response.Unknown, Setting = TherapySetting.Adjuvant },
            Therapy(D(2025, 3, 1)) with { BestResponse = Response.Partial, Setting = TherapySetting.FirstLineMetastatic });

        var facts = Facts(p);

        Assert.Multiple(() =>
        {
            Assert.That(facts.FirstLineWithoutProgression, Is.True);
            Assert.That(facts.FirstLineMonths, Is.EqualTo(Math.Round((Assessed.DayNumber - D(2025, 3, 1).DayNumber) / 30.4375m, 1)));
        });
    }

    [Test]
    public void FirstLineMonths_StopsAtTheProgressionDate()
    {
        var p = Metachronous(Therapy(D(2025, 3, 1)) with { BestResponse = Response.Partial, ProgressedOn = D(2025, 4, 1) });

        var facts = Facts(p);

        Assert.Multiple(() =>
        {
            Assert.That(facts.FirstLineMonths, Is.EqualTo(1.0m));
            Assert.That(facts.FirstLineWithoutProgression, Is.False, "a progression date is progression");
        });
    }

    [Test]
    public void LimitedProgression_OneProgressingLesionAmongSevenOnTherapy_HoldsInPolymetastaticDisease()
    {
        var lesions = new[] { Lesion(Organ.Lung, LesionStatus.Progressing) }.Concat(Lesions(Organ.Bone, 6, LesionStatus.Stable));
        var facts = Facts(Previously(false, lesions, Therapy(D(2025, 3, 1), kind: TherapyKind.EgfrTki)));

        Assert.Multiple(() =>
        {
            Assert.That(facts.State, Is.EqualTo("polymetastatic"));
            Assert.That((facts.ProgressingSites, facts.LimitedProgressionOnTherapy), Is.EqualTo(((int?)1, (bool?)true)));
        });
    }

    [Test]
    public void LimitedProgression_SixProgressing_IsFalse()
    {
        var facts = Facts(Previously(false, Lesions(Organ.Bone, 6, LesionStatus.Progressing), Therapy(D(2025, 3, 1))));

        Assert.That(facts.LimitedProgressionOnTherapy, Is.False);
    }

    [Test]
    public void BrainMetastasisFree_IsUnknownWithoutBrainImaging_AndTrueWithIt()
    {
        var imaged = DeNovo();
        var unimaged = imaged with { Metastases = imaged.Metastases! with { Imaging = [ImagingModality.FdgPetCt] } };
        var brain = DeNovo([Lesion(Organ.Brain)]);

        Assert.That((Facts(imaged).BrainMetastasisFree, Facts(unimaged).BrainMetastasisFree, Facts(brain).BrainMetastasisFree), Is.EqualTo(((bool?)true, (bool?)null, (bool?)false)));
    }

    [Test]
    public void RegionalNodeCount_CountsRegionalNodesOnly()
    {
        var facts = Facts(DeNovo([.. Lesions(Organ.Bone, 3), Lesion(Organ.Liver), .. Lesions(Organ.LymphNodeMediastinal, 4)]));

        Assert.That((facts.LesionCount, facts.RegionalNodeCount), Is.EqualTo(((int?)4, (int?)4)));
    }

    [Test]
    public void SettingAtMetastasis_IsTheActiveTherapysSetting()
    {
        var p = Metachronous(Therapy(D(2025, 3, 1)) with { Setting = TherapySetting.Adjuvant });

        Assert.That(Facts(p).SettingAtMetastasis, Is.EqualTo("adjuvant"));
    }

    [Test]
    public void DefinitiveChemoradiotherapy_IsNotChemotherapyForMetastaticDisease_AndIsTheSettingAtMetastasis()
    {
        // Chemotherapy with definitive thoracic RT that ended before the metastases (metastases 2025-12-01).
        var before = Metachronous(Therapy(D(2025, 2, 1), D(2025, 5, 1)) with { Setting = TherapySetting.DefinitiveChemoradiotherapy });
        // Still running when the metastases were found.
        var during = Metachronous(Therapy(D(2025, 10, 1), D(2025, 12, 20)) with { Setting = TherapySetting.DefinitiveChemoradiotherapy });
        // The same course without a setting started before the metastases too; a first-line course after them is metastatic.
        var firstLine = Metachronous(Therapy(D(2025, 12, 10), D(2026, 3, 1)) with { Setting = TherapySetting.FirstLineMetastatic });

        Assert.Multiple(() =>
        {
            Assert.That(Facts(before).ChemotherapyForMetastatic, Is.False);
            Assert.That(Facts(during).ChemotherapyForMetastatic, Is.False);
            Assert.That(Facts(during).SettingAtMetastasis, Is.EqualTo("definitive-chemoradiotherapy"));
            Assert.That(Facts(firstLine).ChemotherapyForMetastatic, Is.True);
        });
    }

    [Test]
    public void FreeIntervalDays_RunsFromTheStop_OrTheAssessmentWhileOngoing_ToTheMetastasisDiagnosis()
    {
        // Metastases 2025-12-01, assessed 2026-06-30.
        var stopped = Metachronous(Therapy(D(2025, 2, 1), D(2025, 9, 2)));
        var stoppedAfter = Metachronous(Therapy(D(2025, 2, 1), D(2025, 12, 31)));
        var ongoing = Metachronous(Therapy(D(2025, 2, 1)));
        var statusUnknown = Metachronous(Therapy(D(2025, 2, 1)) with { Ongoing = null });
        var noMetastasisDate = stopped with { Metastases = stopped.Metastases! with { DiagnosedOn = null } };

        Assert.Multiple(() =>
        {
            Assert.That(Facts(stopped).Therapies![0].FreeIntervalDays, Is.EqualTo(90));
            Assert.That(Facts(stoppedAfter).Therapies![0].FreeIntervalDays, Is.EqualTo(-30));
            Assert.That(Facts(ongoing).Therapies![0].FreeIntervalDays, Is.EqualTo(D(2025, 12, 1).DayNumber - Assessed.DayNumber));
            Assert.That(Facts(statusUnknown).Therapies![0].FreeIntervalDays, Is.Null);
            Assert.That(Facts(noMetastasisDate).Therapies![0].FreeIntervalDays, Is.Null);
        });
    }

    [Test]
    public void EgfrMutatedSubtypeNotReported_IsADriverButNotKnownClassic_AndAmplificationIsNoDriver()
    {
        var mutated = DeNovo() with { Biomarkers = new Biomarkers { Egfr = EgfrStatus.MutatedUnspecified } };
        var amplified = DeNovo() with { Biomarkers = new Biomarkers { Egfr = EgfrStatus.Negative, Alk = MarkerStatus.Negative, Ros1 = MarkerStatus.Negative, EgfrAmplification = true } };

        Assert.Multiple(() =>
        {
            Assert.That((Facts(mutated).ActionableDriver, Facts(mutated).EgfrClassic), Is.EqualTo(((bool?)true, (bool?)null)));
            Assert.That((Facts(amplified).ActionableDriver, Facts(amplified).EgfrAmplification), Is.EqualTo(((bool?)false, (bool?)true)));
        });
    }

    [Test]
    public void Pdl1Positive_FromTheNumberWhenGiven_ElseFromTheReportedResult()
    {
        var byNumber = DeNovo() with { Biomarkers = new Biomarkers { Pdl1Tps = 0, Pdl1Positive = true } };
        var byResult = DeNovo() with { Biomarkers = new Biomarkers { Pdl1Positive = true } };

        Assert.That((Facts(byNumber).Pdl1Positive, Facts(byResult).Pdl1Positive, Facts(byResult).Pdl1Tps), Is.EqualTo(((bool?)false, (bool?)true, (decimal?)null)));
    }

    [Test]
    public void Adenosquamous_IsNonSmallCellButNeitherSquamousNorNonSquamous()
    {
        var facts = Facts(DeNovo() with { Primary = DeNovo().Primary! with { Histology = Histology.Adenosquamous } });

        Assert.That((facts.NonSmallCell, facts.NonSquamous), Is.EqualTo(((bool?)true, (bool?)null)));
    }
}
