using OligoDecide.Classification;
using OligoDecide.Model;
using static OligoDecide.Tests.TestPatients;

namespace OligoDecide.Tests.Classification;

public class OligometastaticClassifierTests
{
    private static readonly OligometastaticClassifier Classifier = OligometastaticClassifier.Default;

    private static ClassificationResult Classify(Patient patient) => Classifier.Classify(patient);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    // ---- the twelve states -------------------------------------------------------------

    [Test]
    public void Classify_DeNovoWithinWindow_IsSynchronous()
    {
        var result = Classify(DeNovo());

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
            Assert.That(result.Category, Is.EqualTo(StateCategory.DeNovo));
            Assert.That(result.LesionCount, Is.EqualTo(1));
            Assert.That(result.OrganCount, Is.EqualTo(1));
            Assert.That(result.Missing, Is.Empty);
            Assert.That(result.IsOligometastatic, Is.True);
        });
    }

    [Test]
    public void Classify_DeNovoAfterWindowOffTherapy_IsMetachronousOligorecurrence()
    {
        var result = Classify(Metachronous(Therapy(D(2025, 2, 1), D(2025, 6, 1))));

        Assert.That((result.State, result.Category), Is.EqualTo((OligometastaticState.MetachronousOligorecurrence, StateCategory.DeNovo)));
    }

    [Test]
    public void Classify_DeNovoAfterWindowOnTherapy_IsMetachronousOligoprogression()
    {
        var result = Classify(Metachronous(Therapy(D(2025, 2, 1))));

        Assert.That((result.State, result.Category), Is.EqualTo((OligometastaticState.MetachronousOligoprogression, StateCategory.DeNovo)));
    }

    [TestCase(false, null, OligometastaticState.RepeatOligorecurrence, StateCategory.Repeat)]
    [TestCase(false, LesionStatus.Progressing, OligometastaticState.RepeatOligoprogression, StateCategory.Repeat)]
    [TestCase(false, LesionStatus.Stable, OligometastaticState.RepeatOligopersistence, StateCategory.Repeat)]
    [TestCase(true, null, OligometastaticState.InducedOligorecurrence, StateCategory.Induced)]
    [TestCase(true, LesionStatus.New, OligometastaticState.InducedOligoprogression, StateCategory.Induced)]
    [TestCase(true, LesionStatus.Responding, OligometastaticState.InducedOligopersistence, StateCategory.Induced)]
    public void Classify_PreviouslyMetastatic_GivesRepeatOrInducedState(bool induced, LesionStatus? onTherapyStatus, OligometastaticState expected, StateCategory category)
    {
        // null status: off therapy (a therapy that stopped before the metastases); otherwise on therapy,
        // one lesion stable and the other in the given status.
        var patient = onTherapyStatus is { } status
            ? Previously(induced, [Lesion(Organ.Liver, LesionStatus.Stable), Lesion(Organ.Bone, status)], Therapy(D(2025, 3, 1)))
            : Previously(induced, [Lesion(Organ.Liver)], Therapy(D(2025, 3, 1), D(2025, 9, 1)));

        var result = Classify(patient);

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(expected));
            Assert.That(result.Category, Is.EqualTo(category));
            Assert.That(result.IsOligometastatic, Is.True);
        });
    }

    [Test]
    public void Classify_BothHistoriesTrue_InducedWins()
    {
        var patient = Previously(true, [Lesion(Organ.Liver)]) with { History = new MetastaticHistory { Polymetastatic = true, Oligometastatic = true } };

        Assert.That(Classify(patient).State, Is.EqualTo(OligometastaticState.InducedOligorecurrence));
    }

    [Test]
    public void Classify_NoMetastases_IsNoMetastaticDisease()
    {
        var result = Classify(DeNovo() with { Metastases = null });

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.NoMetastaticDisease));
            Assert.That(result.Category, Is.EqualTo(StateCategory.None));
            Assert.That(result.IsOligometastatic, Is.False);
            Assert.That(result.Path, Is.EqualTo(new[] { new DecisionStep("Is there countable metastatic disease?", "no", "no metastases are recorded") }));
        });
    }

    [Test]
    public void Classify_MediastinalNodesOnly_IsNoMetastaticDisease()
    {
        var result = Classify(DeNovo(Lesions(Organ.LymphNodeMediastinal, 2)));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.NoMetastaticDisease));
            Assert.That((result.LesionCount, result.OrganCount), Is.EqualTo((0, 0)));
            Assert.That(result.Path.Single().Basis, Is.EqualTo("0 countable lesion(s); 2 regional lymph node(s) (hilar, mediastinal or supraclavicular) not counted (regional disease, EORTC lung consensus)"));
            Assert.That(result.Warnings, Is.EqualTo(new[] { "Only regional lymph nodes are recorded: with no distant metastasis the case is outside the scope of the oligometastatic classification; treat it as locoregional disease." }), "no staging warning, but the scope is named");
        });
    }

    [Test]
    public void Classify_EmptyLesionList_IsNoMetastaticDisease()
    {
        Assert.That(Classify(DeNovo([])).State, Is.EqualTo(OligometastaticState.NoMetastaticDisease));
    }

    [Test]
    public void Classify_LesionsNotRecorded_IsIndeterminateNamingLesions()
    {
        var patient = DeNovo() with { Metastases = DeNovo().Metastases! with { Lesions = null } };

        var result = Classify(patient);

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(result.Missing, Is.EqualTo(new[] { "metastases.lesions" }));
            Assert.That((result.LesionCount, result.OrganCount), Is.EqualTo(((int?)null, (int?)null)));
        });
    }

    // ---- lesion and organ limits ---------------------------------------------------------

    [Test]
    public void Classify_ExactlyFiveLesions_IsOligometastatic()
    {
        var result = Classify(DeNovo([.. Lesions(Organ.Bone, 3), .. Lesions(Organ.Liver, 2)]));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
            Assert.That(result.LesionCount, Is.EqualTo(5));
        });
    }

    [Test]
    public void Classify_SixLesions_IsPolymetastatic()
    {
        var result = Classify(DeNovo([.. Lesions(Organ.Bone, 4), .. Lesions(Organ.Liver, 2)]));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Polymetastatic));
            Assert.That(result.Category, Is.EqualTo(StateCategory.None));
            Assert.That((result.LesionCount, result.OrganCount), Is.EqualTo((6, 2)));
            Assert.That(result.Path[1], Is.EqualTo(new DecisionStep(
                "Is the disease within the oligometastatic limits (at most 5 lesions in at most 3 organs)?",
                "no",
                "6 lesion(s) in 2 organ(s): bone, liver")));
            Assert.That(result.Path, Has.Count.EqualTo(2), "the tree stops at the limits");
        });
    }

    [Test]
    public void Classify_ThreeOrgans_IsOligometastatic()
    {
        var result = Classify(DeNovo([Lesion(Organ.Bone), Lesion(Organ.Liver), Lesion(Organ.Adrenal)]));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
            Assert.That(result.OrganCount, Is.EqualTo(3));
        });
    }

    [Test]
    public void Classify_FourOrgansFourLesions_IsPolymetastatic()
    {
        var result = Classify(DeNovo([Lesion(Organ.Brain), Lesion(Organ.Bone), Lesion(Organ.Liver), Lesion(Organ.Adrenal)]));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Polymetastatic));
            Assert.That((result.LesionCount, result.OrganCount), Is.EqualTo((4, 4)));
            Assert.That(result.Path[1].Basis, Is.EqualTo("4 lesion(s) in 4 organ(s): brain, bone, liver, adrenal"));
        });
    }

    [Test]
    public void Classify_FiveCountablePlusTwoMediastinal_StaysOligometastatic()
    {
        var result = Classify(DeNovo([.. Lesions(Organ.Bone, 3), .. Lesions(Organ.LymphNodeMediastinal, 2), .. Lesions(Organ.Lung, 2)]));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
            Assert.That((result.LesionCount, result.OrganCount), Is.EqualTo((5, 2)));
            Assert.That(result.Path[0], Is.EqualTo(new DecisionStep(
                "Is there countable metastatic disease?",
                "yes",
                "5 countable lesion(s); 2 regional lymph node(s) (hilar, mediastinal or supraclavicular) not counted (regional disease, EORTC lung consensus)")));
        });
    }

    [Test]
    public void Classify_DistantNodeCountsAsAnOrgan_FourthOrganIsPolymetastatic()
    {
        var result = Classify(DeNovo([Lesion(Organ.Bone), Lesion(Organ.Liver), Lesion(Organ.Adrenal), Lesion(Organ.LymphNodeDistant)]));

        Assert.That(result.State, Is.EqualTo(OligometastaticState.Polymetastatic));
    }

    [Test]
    public void Classify_ProgressingOnlyInMediastinalNode_IsProgressionButNotCounted()
    {
        // A progressing regional node is not counted as a metastasis but is progression (ASTRO/ESTRO 2023:
        // progression in existing and/or new sites).
        var patient = Previously(false, [Lesion(Organ.Bone, LesionStatus.Stable), Lesion(Organ.LymphNodeMediastinal, LesionStatus.Progressing)], Therapy(D(2025, 3, 1)));

        var result = Classify(patient);

        Assert.That((result.State, result.LesionCount), Is.EqualTo((OligometastaticState.RepeatOligoprogression, 1)));
    }

    [Test]
    public void Classify_ProgressingPrimaryWithStableMetastases_IsProgression()
    {
        var patient = Previously(false, [Lesion(Organ.Bone, LesionStatus.Stable)], Therapy(D(2025, 3, 1)));
        patient = patient with { Primary = patient.Primary! with { Controlled = false, Status = LesionStatus.Progressing } };

        var result = Classify(patient);

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.RepeatOligoprogression));
            Assert.That(result.Path[^1].Basis, Is.EqualTo("1 progressing site(s): 0 of 1 metastases new or progressing, primary progressing"));
        });
    }

    [Test]
    public void Classify_PrimaryStatusUnknownAndNotControlled_LeavesPersistenceUndecided()
    {
        var patient = Previously(false, [Lesion(Organ.Bone, LesionStatus.Stable)], Therapy(D(2025, 3, 1)));
        patient = patient with { Primary = patient.Primary! with { Controlled = null } };

        var result = Classify(patient);

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(result.Missing, Is.EqualTo(new[] { "primary.status" }));
            Assert.That(result.PossibleStates, Is.EqualTo(new[] { OligometastaticState.RepeatOligopersistence, OligometastaticState.RepeatOligoprogression }));
        });
    }

    [Test]
    public void Classify_TherapyWithoutStopDateOrOngoing_IsUnknownNotOngoing()
    {
        var therapy = Therapy(D(2025, 3, 1)) with { Ongoing = null };

        var result = Classify(Metachronous(therapy));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(result.Missing, Is.EqualTo(new[] { "systemicTherapies[0].ongoing", "systemicTherapies[0].stoppedOn" }));
            Assert.That(result.PossibleStates, Is.EqualTo(new[] { OligometastaticState.MetachronousOligoprogression, OligometastaticState.MetachronousOligorecurrence }));
        });
    }

    [Test]
    public void Classify_StoppedDateUnknownBeforeDiagnosis_IsStillUnknownAtDiagnosis()
    {
        // "Stopped, date unknown" is known to be over on the assessment date only, not at diagnosis.
        var therapy = Therapy(D(2025, 3, 1)) with { Ongoing = false };

        Assert.That(Classify(Metachronous(therapy)).State, Is.EqualTo(OligometastaticState.Indeterminate));
    }

    [Test]
    public void Classify_DiffusePleuralSpread_IsPolymetastaticWhateverTheCount()
    {
        var result = Classify(DeNovo([new Lesion { Organ = Organ.Pleura, Status = LesionStatus.New, Diffuse = true }]));

        Assert.Multiple(() =>
        {
            Assert.That((result.State, result.LesionCount), Is.EqualTo((OligometastaticState.Polymetastatic, 1)));
            Assert.That(result.Path[^1].Question, Does.StartWith("Is there diffuse serosal spread"));
        });
    }

    [Test]
    public void Classify_PolymetastaticOnTherapy_PathReportsProgressingSitesAndLesions()
    {
        var lesions = new[] { Lesion(Organ.Lung, LesionStatus.Progressing) }.Concat(Lesions(Organ.Bone, 6, LesionStatus.Stable));
        var patient = Previously(false, lesions, Therapy(D(2025, 3, 1), kind: TherapyKind.EgfrTki));

        var result = Classify(patient);

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Polymetastatic));
            Assert.That(result.Path[^1], Is.EqualTo(new DecisionStep(
                "On systemic therapy: at most 5 sites progressing (the oligoprogression trials' limit)?",
                "yes",
                "1 progressing site(s): 1 of 7 metastases new or progressing, primary controlled")));
        });
    }

    // ---- the synchronous window ------------------------------------------------------------

    [TestCase("2025-03-17", "2025-09-17", OligometastaticState.SynchronousOligometastatic, TestName = "Classify_ExactlySixMonths_IsSynchronous")]
    [TestCase("2025-03-17", "2025-09-18", OligometastaticState.MetachronousOligorecurrence, TestName = "Classify_SixMonthsPlusOneDay_IsMetachronous")]
    [TestCase("2025-08-31", "2026-02-28", OligometastaticState.SynchronousOligometastatic, TestName = "Classify_MonthEndWindowLastDay_IsSynchronous")]
    [TestCase("2025-08-31", "2026-03-01", OligometastaticState.MetachronousOligorecurrence, TestName = "Classify_MonthEndWindowDayAfter_IsMetachronous")]
    [TestCase("2025-03-17", "2025-03-17", OligometastaticState.SynchronousOligometastatic, TestName = "Classify_SameDay_IsSynchronous")]
    [TestCase("2025-03-17", "2025-02-24", OligometastaticState.SynchronousOligometastatic, TestName = "Classify_MetastasesBeforePrimary_IsSynchronous")]
    public void Classify_SynchronousWindow(string primaryOn, string metastasesOn, OligometastaticState expected)
    {
        var patient = DeNovo().WithDates(DateOnly.Parse(primaryOn, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(metastasesOn, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(Classify(patient).State, Is.EqualTo(expected));
    }

    [Test]
    public void Classify_MonthEndPrimary_BasisShowsClampedWindowEnd()
    {
        var result = Classify(DeNovo().WithDates(D(2025, 8, 31), D(2026, 3, 1)));

        Assert.That(result.Path[4], Is.EqualTo(new DecisionStep(
            "Were the metastases diagnosed within 6 months of the primary diagnosis?",
            "no",
            "primary diagnosed 2025-08-31, metastases diagnosed 2026-03-01; the window ends 2026-02-28")));
    }

    // ---- active systemic therapy ---------------------------------------------------------------

    [Test]
    public void Classify_TherapyStoppedOnDiagnosisDay_CountsAsActive()
    {
        var result = Classify(Metachronous(Therapy(D(2025, 6, 1), D(2025, 12, 1))));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.MetachronousOligoprogression));
            Assert.That(result.Path[^1], Is.EqualTo(new DecisionStep(
                "Was systemic therapy active when the metastases were diagnosed?",
                "yes",
                "chemotherapy started 2025-06-01, stopped 2025-12-01; metastases diagnosed 2025-12-01")));
        });
    }

    [Test]
    public void Classify_TherapyStoppedDayBeforeDiagnosis_IsNotActive()
    {
        var result = Classify(Metachronous(Therapy(D(2025, 6, 1), D(2025, 11, 30))));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.MetachronousOligorecurrence));
            Assert.That(result.Path[^1].Basis, Is.EqualTo("none of 1 recorded therapies was active on 2025-12-01"));
        });
    }

    [Test]
    public void Classify_TherapyStartedOnDiagnosisDay_CountsAsActive()
    {
        Assert.That(Classify(Metachronous(Therapy(D(2025, 12, 1)))).State, Is.EqualTo(OligometastaticState.MetachronousOligoprogression));
    }

    [Test]
    public void Classify_TherapyStartedDayAfterDiagnosis_IsNotActive()
    {
        Assert.That(Classify(Metachronous(Therapy(D(2025, 12, 2)))).State, Is.EqualTo(OligometastaticState.MetachronousOligorecurrence));
    }

    [Test]
    public void Classify_NoTherapyRecordedAsEmptyList_IsOffTherapy()
    {
        var result = Classify(Metachronous());

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.MetachronousOligorecurrence));
            Assert.That(result.Path[^1].Basis, Is.EqualTo("no systemic therapy recorded"));
        });
    }

    // ---- indeterminate and missing --------------------------------------------------------------

    [Test]
    public void Classify_HistoryAbsent_NamesBothHistoryFacts()
    {
        // Either answer of history.polymetastatic leads on, and history.oligometastatic is needed when it is false;
        // every other fact (dates, therapies) is recorded, so the history is all that is missing.
        var result = Classify(Metachronous() with { History = null });

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(result.Category, Is.EqualTo(StateCategory.None));
            Assert.That(result.Missing, Is.EqualTo(new[] { "history.oligometastatic", "history.polymetastatic" }));
            Assert.That(result.Path[^1], Is.EqualTo(new DecisionStep(
                "Was polymetastatic disease diagnosed before the current state?", "unknown", "history.polymetastatic = not recorded")));
            Assert.That(result.IsOligometastatic, Is.False);
        });
    }

    [Test]
    public void Classify_HistoryAndTherapiesAbsent_NamesEveryFactAnyBranchNeeds()
    {
        var result = Classify(Metachronous() with { History = null, SystemicTherapies = null });

        Assert.That(result.Missing, Is.EqualTo(new[] { "history.oligometastatic", "history.polymetastatic", "systemicTherapies" }));
    }

    [Test]
    public void Classify_OnlyOligometastaticHistoryAbsent_NamesIt()
    {
        var result = Classify(Metachronous() with { History = new MetastaticHistory { Polymetastatic = false } });

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(result.Missing, Is.EqualTo(new[] { "history.oligometastatic" }));
        });
    }

    [Test]
    public void Classify_PolymetastaticHistoryTrueOligometastaticAbsent_IsNotIndeterminate()
    {
        var patient = Previously(true, [Lesion(Organ.Liver)]) with { History = new MetastaticHistory { Polymetastatic = true } };

        Assert.That(Classify(patient).State, Is.EqualTo(OligometastaticState.InducedOligorecurrence));
    }

    [Test]
    public void Classify_PrimaryDateAbsent_NamesPrimaryDiagnosedOn()
    {
        var result = Classify(DeNovo().WithDates(null, D(2025, 12, 1)));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(result.Category, Is.EqualTo(StateCategory.DeNovo));
            Assert.That(result.Missing, Is.EqualTo(new[] { "primary.diagnosedOn" }));
            Assert.That(result.Path[^1], Is.EqualTo(new DecisionStep(
                "Were the metastases diagnosed within 6 months of the primary diagnosis?",
                "unknown",
                "primary.diagnosedOn = not recorded, metastases.diagnosedOn = 2025-12-01")));
        });
    }

    [Test]
    public void Classify_PrimaryDateAbsentMetastasesLongAfterFirstTreatment_InfersMetachronous()
    {
        // A primary is diagnosed before it is treated: chemotherapy started 2025-02-01, so metastases found
        // 2025-12-01 are more than six months after any possible primary diagnosis.
        var result = Classify(Metachronous(Therapy(D(2025, 2, 1), D(2025, 6, 1))).WithDates(null, D(2025, 12, 1)));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.MetachronousOligorecurrence));
            Assert.That(result.Missing, Is.Empty);
            var step = result.Path.Single(p => p.Question.StartsWith("Were the metastases diagnosed within", StringComparison.Ordinal));
            Assert.That(step.Answer, Is.EqualTo("no"));
            Assert.That(step.Basis, Does.StartWith("primary.diagnosedOn not recorded: inferred on or before 2025-02-01 (the first treatment, chemotherapy, started then"));
        });
    }

    [Test]
    public void Classify_PrimaryDateAbsentEarliestTreatmentIsRadiotherapy_InfersFromTheEarliestOfAll()
    {
        var patient = Metachronous(Therapy(D(2025, 9, 1), D(2025, 10, 1))).WithDates(null, D(2025, 12, 1))
            with { Radiotherapy = [new RadiotherapyCourse { StartedOn = D(2025, 1, 10), StoppedOn = D(2025, 2, 20) }] };

        var result = Classify(patient);

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.MetachronousOligorecurrence));
            Assert.That(result.Path.Single(p => p.Question.StartsWith("Were the metastases", StringComparison.Ordinal)).Basis, Does.Contain("inferred on or before 2025-01-10 (the first treatment, radiotherapy"));
        });
    }

    [TestCase(2025, 8, 1, TestName = "Classify_PrimaryDateAbsentMetastasesWithinWindowOfFirstTreatment_StaysIndeterminate")]
    [TestCase(2025, 2, 1, TestName = "Classify_PrimaryDateAbsentMetastasesOnFirstTreatmentDay_StaysIndeterminate")]
    public void Classify_PrimaryDateAbsentNearFirstTreatment_StaysIndeterminate(int y, int m, int d)
    {
        // Within the window after the first treatment the primary may have been diagnosed long before: no inference.
        var result = Classify(Metachronous(Therapy(D(2025, 2, 1), D(2025, 6, 1))).WithDates(null, D(y, m, d)));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(result.Missing, Does.Contain("primary.diagnosedOn"));
        });
    }

    [Test]
    public void Classify_MetastasesDateAbsent_NamesMetastasesDiagnosedOn()
    {
        var result = Classify(DeNovo().WithDates(D(2025, 1, 15), null));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(result.Missing, Is.EqualTo(new[] { "metastases.diagnosedOn" }));
        });
    }

    [Test]
    public void Classify_MetastasesDateAbsentInRepeatCase_NamesMetastasesDiagnosedOn()
    {
        var patient = Previously(false, [Lesion(Organ.Liver)]).WithDates(D(2025, 1, 15), null);

        var result = Classify(patient);

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(result.Category, Is.EqualTo(StateCategory.Repeat));
            Assert.That(result.Missing, Is.EqualTo(new[] { "metastases.diagnosedOn" }));
        });
    }

    [Test]
    public void Classify_TherapiesAbsentInMetachronousCase_NamesSystemicTherapies()
    {
        var result = Classify(Metachronous() with { SystemicTherapies = null });

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(result.Category, Is.EqualTo(StateCategory.DeNovo));
            Assert.That(result.Missing, Is.EqualTo(new[] { "systemicTherapies" }));
            Assert.That(result.Path[^1], Is.EqualTo(new DecisionStep(
                "Was systemic therapy active when the metastases were diagnosed?", "unknown", "systemic therapies are not recorded")));
        });
    }

    [Test]
    public void Classify_TherapiesAbsentInSynchronousCase_IsNotIndeterminate()
    {
        Assert.That(Classify(DeNovo() with { SystemicTherapies = null }).State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
    }

    [Test]
    public void Classify_TherapyWithoutStartThatMayBeActive_NamesItsStartDate()
    {
        var result = Classify(Metachronous(Therapy(D(2025, 2, 1), D(2025, 3, 1)), Therapy(null)));

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(result.Missing, Is.EqualTo(new[] { "systemicTherapies[1].startedOn" }));
        });
    }

    [Test]
    public void Classify_LesionStatusAbsentInRepeatCaseOnTherapy_NamesThatLesionsStatus()
    {
        var patient = Previously(false, [Lesion(Organ.Bone, LesionStatus.Stable), Lesion(Organ.LymphNodeMediastinal, null), Lesion(Organ.Liver, null)], Therapy(D(2025, 3, 1)));

        var result = Classify(patient);

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(result.Category, Is.EqualTo(StateCategory.Repeat));
            Assert.That(result.Missing, Is.EqualTo(new[] { "metastases.lesions[1].status", "metastases.lesions[2].status" }), "a regional node's status is needed too: its progression is progression");
            Assert.That(result.Path[^1], Is.EqualTo(new DecisionStep("Is any site new or progressing on current imaging (metastases, primary tumour or regional nodes)?", "unknown", "0 progressing site(s): 0 of 2 metastases new or progressing, 0 of 1 regional node(s), primary controlled; 2 site(s) without a recorded status")));
        });
    }

    [Test]
    public void Classify_LesionStatusAbsentButAnotherProgressing_IsProgression()
    {
        var patient = Previously(false, [Lesion(Organ.Bone, LesionStatus.Progressing), Lesion(Organ.Liver, null)], Therapy(D(2025, 3, 1)));

        Assert.That(Classify(patient).State, Is.EqualTo(OligometastaticState.RepeatOligoprogression));
    }

    [Test]
    public void Classify_LesionStatusAbsentInRepeatCaseOffTherapy_IsNotIndeterminate()
    {
        var patient = Previously(false, [Lesion(Organ.Liver, null)], Therapy(D(2025, 3, 1), D(2025, 4, 1)));

        Assert.That(Classify(patient).State, Is.EqualTo(OligometastaticState.RepeatOligorecurrence));
    }

    // ---- options -------------------------------------------------------------------------------

    [Test]
    public void Classify_MaxLesionsOption_ChangesTheLimit()
    {
        var patient = DeNovo(Lesions(Organ.Bone, 4));
        var classifier = new OligometastaticClassifier(new ClassificationOptions { MaxLesions = 3 });

        var result = classifier.Classify(patient);

        Assert.Multiple(() =>
        {
            Assert.That(Classify(patient).State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Polymetastatic));
            Assert.That(result.Path[1].Question, Is.EqualTo("Is the disease within the oligometastatic limits (at most 3 lesions in at most 3 organs)?"));
        });
    }

    [Test]
    public void Classify_MaxOrgansOption_ChangesTheLimit()
    {
        var patient = DeNovo([Lesion(Organ.Bone), Lesion(Organ.Liver)]);
        var classifier = new OligometastaticClassifier(new ClassificationOptions { MaxOrgans = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(Classify(patient).State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
            Assert.That(classifier.Classify(patient).State, Is.EqualTo(OligometastaticState.Polymetastatic));
        });
    }

    [Test]
    public void Classify_SynchronousWindowOption_ChangesTheWindow()
    {
        var patient = DeNovo().WithDates(D(2025, 1, 15), D(2025, 5, 1));
        var classifier = new OligometastaticClassifier(new ClassificationOptions { SynchronousWindowMonths = 3 });

        var result = classifier.Classify(patient);

        Assert.Multiple(() =>
        {
            Assert.That(Classify(patient).State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
            Assert.That(result.State, Is.EqualTo(OligometastaticState.MetachronousOligorecurrence));
            Assert.That(result.Path[4], Is.EqualTo(new DecisionStep(
                "Were the metastases diagnosed within 3 months of the primary diagnosis?",
                "no",
                "primary diagnosed 2025-01-15, metastases diagnosed 2025-05-01; the window ends 2025-04-15")));
        });
    }

    [Test]
    public void Options_Defaults_AreFiveLesionsThreeOrgansSixMonths()
    {
        var options = ClassificationOptions.Default;

        Assert.That((options.MaxLesions, options.MaxOrgans, options.SynchronousWindowMonths), Is.EqualTo((5, 3, 6)));
    }

    [TestCase(0, 3, 6)]
    [TestCase(5, 0, 6)]
    [TestCase(5, 3, -1)]
    public void Constructor_OutOfRangeOptions_Throws(int lesions, int organs, int months)
    {
        Assert.That(
            () => new OligometastaticClassifier(new ClassificationOptions { MaxLesions = lesions, MaxOrgans = organs, SynchronousWindowMonths = months }),
            Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    // ---- the decision path ------------------------------------------------------------------------

    [Test]
    public void Classify_SynchronousCase_PathListsEveryQuestionWithAnswerAndBasis()
    {
        var result = Classify(DeNovo([Lesion(Organ.Bone), Lesion(Organ.Adrenal)]));

        Assert.That(result.Path, Is.EqualTo(new[]
        {
            new DecisionStep("Is there countable metastatic disease?", "yes", "2 countable lesion(s)"),
            new DecisionStep("Is the disease within the oligometastatic limits (at most 5 lesions in at most 3 organs)?", "yes", "2 lesion(s) in 2 organ(s): bone, adrenal"),
            new DecisionStep("Was polymetastatic disease diagnosed before the current state?", "no", "history.polymetastatic = false"),
            new DecisionStep("Was oligometastatic disease diagnosed before the current state?", "no", "history.oligometastatic = false"),
            new DecisionStep("Were the metastases diagnosed within 6 months of the primary diagnosis?", "yes", "primary diagnosed 2025-01-15, metastases diagnosed 2025-02-01; the window ends 2025-07-15"),
        }));
    }

    [Test]
    public void Classify_InducedProgressionCase_PathListsTherapyAndProgressionQuestions()
    {
        var patient = Previously(true, [Lesion(Organ.Bone, LesionStatus.Stable), Lesion(Organ.Liver, LesionStatus.Progressing)], Therapy(D(2025, 3, 1), kind: TherapyKind.Immunotherapy));

        var result = Classify(patient);

        Assert.That(result.Path.Skip(2), Is.EqualTo(new[]
        {
            new DecisionStep("Was polymetastatic disease diagnosed before the current state?", "yes", "history.polymetastatic = true"),
            new DecisionStep("Was systemic therapy active when the metastases were diagnosed?", "yes", "immunotherapy started 2025-03-01, ongoing; metastases diagnosed 2025-12-01"),
            new DecisionStep("Is any site new or progressing on current imaging (metastases, primary tumour or regional nodes)?", "yes", "1 progressing site(s): 1 of 2 metastases new or progressing, primary controlled"),
        }));
    }

    [Test]
    public void Classify_PersistenceCase_LastStepSaysAllStableOrResponding()
    {
        var patient = Previously(false, [Lesion(Organ.Bone, LesionStatus.Stable), Lesion(Organ.Liver, LesionStatus.Responding)], Therapy(D(2025, 3, 1)));

        Assert.That(Classify(patient).Path[^1], Is.EqualTo(new DecisionStep("Is any site new or progressing on current imaging (metastases, primary tumour or regional nodes)?", "no", "0 progressing site(s): 0 of 2 metastases new or progressing, primary controlled")));
    }

    // ---- warnings -----------------------------------------------------------------------------------

    private const string NoPetWarning = "Staged without FDG-PET-CT: the lesion count may be understated (the EORTC lung consensus requires FDG-PET-CT).";
    private const string NoBrainMriWarning = "No brain MRI recorded: brain metastases may be missed (the EORTC lung consensus requires brain imaging).";
    private const string NoImagingWarning = "Staging imaging is not recorded: the lesion count may be understated (FDG-PET-CT and brain imaging are required by the EORTC lung consensus).";
    private const string SmallCellWarning = "Small-cell histology: the lesion and organ limits come from the consensus on non-small-cell lung cancer and are not validated for small-cell disease.";

    private static Patient WithImaging(IReadOnlyList<ImagingModality>? imaging) =>
        DeNovo() with { Metastases = DeNovo().Metastases! with { Imaging = imaging } };

    [Test]
    public void Classify_FullStaging_NoWarnings()
    {
        Assert.That(Classify(DeNovo()).Warnings, Is.Empty);
    }

    [Test]
    public void Classify_NoPetCt_WarnsWithoutChangingState()
    {
        var result = Classify(WithImaging([ImagingModality.Ct, ImagingModality.BrainMri]));

        Assert.Multiple(() =>
        {
            Assert.That(result.Warnings, Is.EqualTo(new[] { NoPetWarning }));
            Assert.That(result.State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
        });
    }

    [Test]
    public void Classify_NoBrainMri_Warns()
    {
        Assert.That(Classify(WithImaging([ImagingModality.FdgPetCt])).Warnings, Is.EqualTo(new[] { NoBrainMriWarning }));
    }

    [Test]
    public void Classify_CtOnly_WarnsAboutBoth()
    {
        Assert.That(Classify(WithImaging([ImagingModality.Ct])).Warnings, Is.EqualTo(new[] { NoPetWarning, NoBrainMriWarning }));
    }

    [Test]
    public void Classify_ImagingNotRecorded_Warns()
    {
        Assert.That(Classify(WithImaging(null)).Warnings, Is.EqualTo(new[] { NoImagingWarning }));
    }

    [Test]
    public void Classify_SmallCell_WarnsAndStillClassifies()
    {
        var patient = DeNovo() with { Primary = DeNovo().Primary! with { Histology = Histology.SmallCell, SclcExtent = SclcExtent.Extensive } };

        var result = Classify(patient);

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
            Assert.That(result.Warnings, Is.EqualTo(new[] { SmallCellWarning }));
        });
    }

    [Test]
    public void Classify_SmallCellPolymetastatic_IsPolymetastatic()
    {
        var patient = DeNovo(Lesions(Organ.Liver, 6)) with { Primary = DeNovo().Primary! with { Histology = Histology.SmallCell } };

        Assert.That(Classify(patient).State, Is.EqualTo(OligometastaticState.Polymetastatic));
    }

    [Test]
    public void Classify_SmallCellWithoutMetastases_NoWarning()
    {
        var patient = DeNovo() with { Primary = DeNovo().Primary! with { Histology = Histology.SmallCell }, Metastases = null };

        Assert.That(Classify(patient).Warnings, Is.Empty);
    }

    // ---- ids and guards ---------------------------------------------------------------------------------

    [Test]
    public void StateIds_All_AreTheTwelvePublicIds()
    {
        Assert.That(StateIds.All, Is.EqualTo(new[]
        {
            "synchronous-oligometastatic", "metachronous-oligorecurrence", "metachronous-oligoprogression",
            "repeat-oligorecurrence", "repeat-oligoprogression", "repeat-oligopersistence",
            "induced-oligorecurrence", "induced-oligoprogression", "induced-oligopersistence",
            "polymetastatic", "no-metastatic-disease", "indeterminate",
        }));
    }

    [Test]
    public void StateIds_CategoryIds_AreKebabCase()
    {
        Assert.That(Enum.GetValues<StateCategory>().Select(c => c.Id()), Is.EqualTo(new[] { "de-novo", "repeat", "induced", "none" }));
    }

    [Test]
    public void Classify_Null_Throws()
    {
        Assert.That(() => Classifier.Classify(null!), Throws.ArgumentNullException);
    }
}
