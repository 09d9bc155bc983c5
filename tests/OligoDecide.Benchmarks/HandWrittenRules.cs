namespace OligoDecide.Benchmarks;

/// <summary>
/// The default rules as plain C# (the floor): a rule fires only when every fact it tests is known
/// and its condition is true (<c>== true</c>, lifted comparisons that are false on null). Lesion
/// quantifiers follow the three-valued semantics: <c>allLesions</c> needs every lesion's field known and
/// true; <c>countLesions … max 0</c> needs every lesion known not to match.
/// </summary>
public static class HandWrittenRules
{

    public static List<string> Evaluate(FactsView f)
    {
        var o = new List<string>(8);
        var decided = f.Decided == true;
        var nsclc = f.NonSmallCell == true;
        var noDriver = f.ActionableDriver == false;
        var notDeclined = FactsView.LocalNotDeclined(f);
        var radical = FactsView.RadicalNotExcluded(f);
        if (f.Oligometastatic == true) o.Add("mdt-discussion");
        if (decided && f.Preference == "declines-local-therapy") o.Add("patient-declines-local-therapy");
        if (decided && AnySymptomaticSpine(f)) o.Add("symptomatic-spinal-metastasis");
        if (decided && f.LesionCount >= 1 && f.StagingComplete == false) o.Add("staging-incomplete");
        if (FactsView.In(f, "synchronous-oligometastatic") && f.LesionCount == 1) o.Add("biopsy-solitary-metastasis");
        if (decided && AnyOrgan(f, "brain")) o.Add("brain-metastases-outside-guideline");
        if (FactsView.In(f, "polymetastatic")) o.Add("systemic-therapy-polymetastatic");
        if (FactsView.In(f, "no-metastatic-disease") && f.RegionalNodeCount >= 1) o.Add("outside-scope-no-distant-metastasis");

        var lct = FactsView.In(f, "synchronous-oligometastatic|repeat-oligopersistence|induced-oligopersistence") && nsclc && f.LesionCount <= 3 && AllTreatable(f) && f.FirstLineWithoutProgression == true
            && (f.FirstLineCycles >= 4 || f.FirstLineMonths >= 3) && BrainKnown(f) && f.Ecog <= 2 && notDeclined && radical;
        if (lct) o.Add("lct-all-sites-after-first-line");
        if (lct && f.IciExposed == true) o.Add("caution-lct-after-chemo-immunotherapy");
        var noBrain = f.BrainMetastasisFree == true;
        if (FactsView.In(f, "synchronous-oligometastatic") && f.EgfrClassic == true && f.Histology == "adenocarcinoma" && f.AnyPriorSystemic == false && f.LesionCount <= 5 && f.MaxLesionsPerOrgan <= 2 && AllTreatable(f) && noBrain && f.Ecog <= 1 && notDeclined && radical) o.Add("egfr-tki-plus-rt-all-sites");
        if (FactsView.In(f, "synchronous-oligometastatic|metachronous-oligorecurrence") && nsclc && noDriver && f.LesionCount <= 4 && AllTreatable(f) && BrainKnown(f) && f.IciExposed == false && FactsView.PembrolizumabAloneStandard(f) && f.Ecog <= 1 && notDeclined && radical) o.Add("lat-then-pembrolizumab");

        var sabr = FactsView.In(f, "metachronous-oligorecurrence|repeat-oligorecurrence") && f.PrimaryControlled == true && f.LesionCount >= 1 && f.LesionCount <= 5 && AllTreatable(f) && noBrain && f.Ecog <= 1 && nsclc && notDeclined && radical;
        if (sabr) o.Add("sabr-all-metastases");
        if (sabr) o.Add("caution-sabr-toxicity");
        if ((FactsView.In(f, "metachronous-oligoprogression|repeat-oligoprogression|induced-oligoprogression") || (FactsView.In(f, "polymetastatic") && f.LimitedProgressionOnTherapy == true))
            && f.SettingAtMetastasis is "first-line-metastatic" or "later-line" && NoMovingUntreatable(f) && nsclc && f.Ecog <= 1 && notDeclined) o.Add("oligoprogression-lat-continue-systemic");
        if (FactsView.In(f, "repeat-oligopersistence|induced-oligopersistence") && AllTreatable(f) && nsclc && f.Ecog <= 1 && notDeclined && radical) o.Add("lat-oligopersistence");

        if (decided && (f.LesionCount >= 2 || (f.LesionCount >= 1 && f.PrimaryControlled == false)) && nsclc && noDriver && f.IciExposed == false && FactsView.PembrolizumabAloneStandard(f) && notDeclined && f.Ecog <= 1 && AnyTreatableCountable(f)) o.Add("sbrt-plus-pembrolizumab");
        var liver = decided && AnyOrgan(f, "liver");
        var iciCandidate = f.IciExposed == false && noDriver && nsclc;
        if (liver && nsclc && (f.OngoingIciMonotherapy == true || iciCandidate)) o.Add("caution-liver-metastases-ici-monotherapy");
        if (liver && f.NonSquamous == true && noDriver && f.AnyPriorSystemic == false && f.Ecog <= 1) o.Add("chemo-immunotherapy-liver-metastases");
        if (FactsView.In(f, "polymetastatic") && liver && nsclc && (f.OngoingIci == true || iciCandidate) && notDeclined) o.Add("liver-directed-rt-investigational");

        if (decided && f.Histology == "small-cell" && f.SclcExtent == "extensive" && f.AnyPriorSystemic == false && f.Ecog <= 1) o.Add("chemo-immunotherapy-es-sclc");
        if (decided && f.Histology == "small-cell" && f.SclcExtent == "extensive" && f.AnyPriorSystemic == false && f.Ecog <= 1 && notDeclined) o.Add("ldrt-plus-durvalumab-ep");
        var stage3AfterCrt = FactsView.In(f, "no-metastatic-disease") && nsclc && f.StageGroup is "III" or "IIIA" or "IIIB" or "IIIC" && f.ConcurrentChemoradiotherapy == true
            && f.AnyProgressionOnTherapy == false;
        if (stage3AfterCrt && f.EgfrClassic == true && f.Ecog <= 1) o.Add("osimertinib-after-chemoradiotherapy");
        if (stage3AfterCrt && f.IciExposed == false && f.Egfr == "negative" && f.Alk == "negative" && f.Ecog <= 1) o.Add("durvalumab-after-chemoradiotherapy");

        // First-line backbone (rules/08) for untreated metastatic NSCLC.
        var untreated = FactsView.In(f, "synchronous-oligometastatic|metachronous-oligorecurrence|repeat-oligorecurrence|polymetastatic") && nsclc && f.AnyPriorSystemic == false;
        if (untreated && f.EgfrClassic == true && NoSymptomaticBrain(f) && f.Ecog <= 1) o.Add("osimertinib-first-line");
        if (untreated && noDriver && f.Pdl1Tps >= 50 && noBrain && f.Ecog <= 1) o.Add("pembrolizumab-first-line-pdl1-high");
        if (untreated && f.NonSquamous == true && noDriver && f.Ecog <= 1) o.Add("chemo-immunotherapy-first-line-non-squamous");
        if (untreated && f.Histology == "squamous" && noDriver && f.Ecog <= 1) o.Add("chemo-immunotherapy-first-line-squamous");

        // CREST (rules/05) and surgery (rules/09).
        if (decided && f.Histology == "small-cell" && f.SclcExtent == "extensive" && FirstLineChemotherapyResponse(f) && f.FirstLineWithoutProgression == true && f.IciExposed == false && f.Ecog <= 2 && FactsView.LocalNotDeclined(f)) o.Add("thoracic-rt-es-sclc-responders");
        if (FactsView.In(f, "metachronous-oligorecurrence|repeat-oligorecurrence") && nsclc && f.PrimaryControlled == true && f.LesionCount == 1 && AnyTreatableIn(f, "adrenal") && f.StagingComplete == true && f.Ecog <= 1 && FactsView.LocalNotDeclined(f) && FactsView.RadicalNotExcluded(f)) o.Add("adrenalectomy-solitary-adrenal-metastasis");
        if (FactsView.In(f, "synchronous-oligometastatic") && nsclc && f.LesionCount == 1 && AllTreatable(f) && f.AnyPriorSystemic == false && f.StagingComplete == true && noBrain && f.Ecog <= 1 && FactsView.LocalNotDeclined(f) && FactsView.RadicalNotExcluded(f)) o.Add("radical-treatment-primary-and-solitary-metastasis");

        // Molecular testing at progression on an EGFR-TKI (rules/10).
        if (decided && nsclc && (AnyEgfrTki(f, progressed: true) || (FactsView.In(f, "metachronous-oligoprogression|repeat-oligoprogression|induced-oligoprogression") && AnyEgfrTki(f, progressed: false)))) o.Add("rebiopsy-at-progression-on-egfr-tki");
        var metastaticUntreated = decided && FactsView.NoneIn(f, "no-metastatic-disease") && f.AnyPriorSystemic == false;
        if (metastaticUntreated && nsclc && f.Alk == "positive" && NoSymptomaticBrain(f) && f.Ecog <= 2) o.Add("alk-tki-first-line");
        if (metastaticUntreated && nsclc && f.Ros1 == "positive" && NoSymptomaticBrain(f) && f.Ecog <= 2) o.Add("ros1-tki-first-line");
        var sclcRelapse = decided && f.Histology == "small-cell" && f.ProgressionSites >= 1 && f.Ecog <= 2;
        if (sclcRelapse && AnyTherapy(f, t => t.Chemotherapy == true && t.BestResponse is "complete" or "partial") && NoChemotherapyWithin90Days(f)) o.Add("platinum-etoposide-rechallenge-sclc");
        if (sclcRelapse && (AnyTherapy(f, t => t.Chemotherapy == true && t.Progressed == true) || AnyTherapy(f, t => t.Chemotherapy == true && t.FreeIntervalDays >= 1))
            && ExactlyOneChemotherapy(f) && f.BrainMetastasisFree == true) o.Add("lurbinectedin-sclc-relapse");
        if (decided && FactsView.NoneIn(f, "no-metastatic-disease") && f.Histology is "adenocarcinoma" or "adenosquamous" or "large-cell" or "nsclc-nos" && f.AnyPriorSystemic == false && f.ActionableDriver is null) o.Add("molecular-testing-incomplete");

        // OligoCare timing cautions: a local-therapy option that irradiates with the drug ongoing.
        var irradiatesOnTherapy = o.Contains("lct-all-sites-after-first-line") || o.Contains("egfr-tki-plus-rt-all-sites") || o.Contains("lat-then-pembrolizumab") || o.Contains("sabr-all-metastases") || o.Contains("oligoprogression-lat-continue-systemic") || o.Contains("lat-oligopersistence") || o.Contains("sbrt-plus-pembrolizumab") || o.Contains("radical-treatment-primary-and-solitary-metastasis");
        if (irradiatesOnTherapy && f.OngoingIci == true) o.Add("timing-checkpoint-inhibitor-sbrt");
        if (irradiatesOnTherapy && f.OngoingAntiAngiogenic == true) o.Add("timing-vegf-inhibitor-sbrt");
        return o;
    }

    private static bool AnySymptomaticSpine(FactsView f)
    {
        if (f.Lesions is null) return false;
        foreach (var l in f.Lesions) if (LesionView.SymptomaticSpine(l)) return true;
        return false;
    }

    /// <summary><c>countLesions where {organ: brain, symptomatic: true} max 0</c>: every lesion known not to match.</summary>
    public static bool NoSymptomaticBrain(FactsView f)
    {
        if (f.Lesions is null) return false;
        foreach (var l in f.Lesions) if (l.Organ == "brain" && l.Symptomatic != false) return false;
        return true;
    }

    public static bool AnyTreatableIn(FactsView f, string organ)
    {
        if (f.Lesions is null) return false;
        foreach (var l in f.Lesions) if (l.Organ == organ && l.Treatable == true) return true;
        return false;
    }

    /// <summary><c>anyTherapy {setting: first-line-metastatic, chemotherapy: true, bestResponse: [complete, partial]}</c>.</summary>
    public static bool FirstLineChemotherapyResponse(FactsView f)
    {
        if (f.Therapies is null) return false;
        foreach (var t in f.Therapies) if (t.Setting == "first-line-metastatic" && t.Chemotherapy == true && t.BestResponse is "complete" or "partial") return true;
        return false;
    }

    /// <summary><c>anyTherapy {drugClass: egfr-tki, ongoing: true}</c>, with <c>progressed: true</c> when asked.</summary>
    public static bool AnyEgfrTki(FactsView f, bool progressed)
    {
        if (f.Therapies is null) return false;
        foreach (var t in f.Therapies) if (t.EgfrTki == true && t.Ongoing == true && (!progressed || t.Progressed == true)) return true;
        return false;
    }

    public static bool AnyTherapy(FactsView f, Func<TherapyView, bool> match)
    {
        if (f.Therapies is null) return false;
        foreach (var t in f.Therapies) if (match(t)) return true;
        return false;
    }

    /// <summary><c>countTherapies where {chemotherapy: true, freeIntervalDays: {max: 89}} max 0</c>: every therapy known not to match.</summary>
    public static bool NoChemotherapyWithin90Days(FactsView f)
    {
        if (f.Therapies is null) return false;
        foreach (var t in f.Therapies)
        {
            var knownNot = t.Chemotherapy == false || t.FreeIntervalDays >= 90;
            if (!knownNot) return false;
        }

        return true;
    }

    /// <summary><c>countTherapies where {chemotherapy: true} min 1 max 1</c>, with every therapy's chemotherapy known.</summary>
    public static bool ExactlyOneChemotherapy(FactsView f)
    {
        if (f.Therapies is null) return false;
        var count = 0;
        foreach (var t in f.Therapies)
        {
            if (t.Chemotherapy is null) return false;
            if (t.Chemotherapy == true) count++;
        }

        return count == 1;
    }

    private static bool BrainKnown(FactsView f) => f.BrainMetastasisFree == true || AnyOrgan(f, "brain");

    public static bool AnyOrgan(FactsView f, string organ)
    {
        if (f.Lesions is null) return false;
        foreach (var l in f.Lesions) if (l.Organ == organ) return true;
        return false;
    }

    public static bool AllTreatable(FactsView f)
    {
        if (f.Lesions is null) return false;
        foreach (var l in f.Lesions) if (l.Treatable != true) return false;
        return true;
    }

    public static bool AnyTreatableCountable(FactsView f)
    {
        if (f.Lesions is null) return false;
        foreach (var l in f.Lesions) if (l.Treatable == true && l.Countable == true) return true;
        return false;
    }

    /// <summary><c>countLesions where {status: [new, progressing], treatable: false} max 0</c> is true when every lesion is known not to match.</summary>
    public static bool NoMovingUntreatable(FactsView f)
    {
        if (f.Lesions is null) return false;
        foreach (var l in f.Lesions)
        {
            var knownNotMoving = l.Status is not null and not "new" and not "progressing";
            if (!knownNotMoving && l.Treatable != true) return false;
        }

        return true;
    }
}
