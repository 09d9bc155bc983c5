using RulesEngine.Models;
using RE = RulesEngine;

namespace OligoDecide.Benchmarks;

/// <summary>
/// The default rules as a Microsoft RulesEngine 6.0.1 workflow: lambda expression strings over the
/// input <c>f</c> (<see cref="FactsView"/>). RulesEngine does not chain, so the two rules that depend on
/// another rule's option run in a second workflow that also gets <c>fired</c>, the first pass's options
/// as one <c>|a|b|</c> string.
/// </summary>
public sealed class RulesEngineWorkflow
{
    private const string First = "oligodecide";
    private const string Chained = "oligodecide-chained";
    private const string AllTreatable = "f.Lesions != null && f.Lesions.All(Treatable == true)";
    private const string SclcRelapse = "f.Decided == true && f.Histology == \"small-cell\" && f.ProgressionSites >= 1 && f.Ecog <= 2";
    private const string BrainKnown = "(f.BrainMetastasisFree == true || (f.Lesions != null && f.Lesions.Any(Organ == \"brain\")))";

    private static readonly (string Name, string Expression)[] FirstPass =
    [
        ("mdt-discussion", "f.Oligometastatic == true"),
        ("patient-declines-local-therapy", "f.Decided == true && f.Preference == \"declines-local-therapy\""),
        ("symptomatic-spinal-metastasis", "f.Decided == true && f.Lesions != null && f.Lesions.Any(Organ == \"bone\" && BoneSite == \"spine\" && Symptomatic == true)"),
        ("staging-incomplete", "f.Decided == true && f.LesionCount >= 1 && f.StagingComplete == false"),
        ("biopsy-solitary-metastasis", "FactsView.In(f, \"synchronous-oligometastatic\") && f.LesionCount == 1"),
        ("brain-metastases-outside-guideline", "f.Decided == true && f.Lesions != null && f.Lesions.Any(Organ == \"brain\")"),
        ("systemic-therapy-polymetastatic", "FactsView.In(f, \"polymetastatic\")"),
        ("outside-scope-no-distant-metastasis", "FactsView.In(f, \"no-metastatic-disease\") && f.RegionalNodeCount >= 1"),
        ("lct-all-sites-after-first-line", $"(FactsView.In(f, \"synchronous-oligometastatic|repeat-oligopersistence|induced-oligopersistence\")) && f.NonSmallCell == true && f.LesionCount <= 3 && {AllTreatable} && f.FirstLineWithoutProgression == true && (f.FirstLineCycles >= 4 || f.FirstLineMonths >= 3) && {BrainKnown} && f.Ecog <= 2 && FactsView.LocalNotDeclined(f) && FactsView.RadicalNotExcluded(f)"),
        ("egfr-tki-plus-rt-all-sites", $"FactsView.In(f, \"synchronous-oligometastatic\") && f.EgfrClassic == true && f.Histology == \"adenocarcinoma\" && f.AnyPriorSystemic == false && f.LesionCount <= 5 && f.MaxLesionsPerOrgan <= 2 && {AllTreatable} && f.BrainMetastasisFree == true && f.Ecog <= 1 && FactsView.LocalNotDeclined(f) && FactsView.RadicalNotExcluded(f)"),
        ("lat-then-pembrolizumab", $"(FactsView.In(f, \"synchronous-oligometastatic|metachronous-oligorecurrence\")) && f.NonSmallCell == true && f.ActionableDriver == false && f.LesionCount <= 4 && {AllTreatable} && {BrainKnown} && f.IciExposed == false && FactsView.PembrolizumabAloneStandard(f) && f.Ecog <= 1 && FactsView.LocalNotDeclined(f) && FactsView.RadicalNotExcluded(f)"),
        ("sabr-all-metastases", $"(FactsView.In(f, \"metachronous-oligorecurrence|repeat-oligorecurrence\")) && f.PrimaryControlled == true && f.LesionCount >= 1 && f.LesionCount <= 5 && {AllTreatable} && f.BrainMetastasisFree == true && f.Ecog <= 1 && f.NonSmallCell == true && FactsView.LocalNotDeclined(f) && FactsView.RadicalNotExcluded(f)"),
        ("oligoprogression-lat-continue-systemic", "(FactsView.In(f, \"metachronous-oligoprogression|repeat-oligoprogression|induced-oligoprogression\") || (FactsView.In(f, \"polymetastatic\") && f.LimitedProgressionOnTherapy == true)) && (f.SettingAtMetastasis == \"first-line-metastatic\" || f.SettingAtMetastasis == \"later-line\") && f.NonSmallCell == true && f.Ecog <= 1 && f.Lesions != null && f.Lesions.All((Status != null && Status != \"new\" && Status != \"progressing\") || Treatable == true) && FactsView.LocalNotDeclined(f)"),
        ("lat-oligopersistence", $"(FactsView.In(f, \"repeat-oligopersistence|induced-oligopersistence\")) && {AllTreatable} && f.NonSmallCell == true && f.Ecog <= 1 && FactsView.LocalNotDeclined(f) && FactsView.RadicalNotExcluded(f)"),
        ("sbrt-plus-pembrolizumab", "f.Decided == true && (f.LesionCount >= 2 || (f.LesionCount >= 1 && f.PrimaryControlled == false)) && f.NonSmallCell == true && f.ActionableDriver == false && f.IciExposed == false && FactsView.PembrolizumabAloneStandard(f) && FactsView.LocalNotDeclined(f) && f.Ecog <= 1 && f.Lesions != null && f.Lesions.Any(Treatable == true && Countable == true)"),
        ("caution-liver-metastases-ici-monotherapy", "f.Decided == true && f.NonSmallCell == true && f.Lesions != null && f.Lesions.Any(Organ == \"liver\") && (f.OngoingIciMonotherapy == true || (f.IciExposed == false && f.ActionableDriver == false && f.NonSmallCell == true))"),
        ("chemo-immunotherapy-liver-metastases", "f.Decided == true && f.Lesions != null && f.Lesions.Any(Organ == \"liver\") && f.NonSquamous == true && f.ActionableDriver == false && f.AnyPriorSystemic == false && f.Ecog <= 1"),
        ("liver-directed-rt-investigational", "FactsView.In(f, \"polymetastatic\") && f.NonSmallCell == true && f.Lesions != null && f.Lesions.Any(Organ == \"liver\") && (f.OngoingIci == true || (f.IciExposed == false && f.ActionableDriver == false && f.NonSmallCell == true)) && FactsView.LocalNotDeclined(f)"),
        ("chemo-immunotherapy-es-sclc", "f.Decided == true && f.Histology == \"small-cell\" && f.SclcExtent == \"extensive\" && f.AnyPriorSystemic == false && f.Ecog <= 1"),
        ("ldrt-plus-durvalumab-ep", "f.Decided == true && f.Histology == \"small-cell\" && f.SclcExtent == \"extensive\" && f.AnyPriorSystemic == false && f.Ecog <= 1 && FactsView.LocalNotDeclined(f)"),
        ("osimertinib-after-chemoradiotherapy", "FactsView.In(f, \"no-metastatic-disease\") && f.NonSmallCell == true && (f.StageGroup == \"III\" || f.StageGroup == \"IIIA\" || f.StageGroup == \"IIIB\" || f.StageGroup == \"IIIC\") && f.ConcurrentChemoradiotherapy == true && f.AnyProgressionOnTherapy == false && f.EgfrClassic == true && f.Ecog <= 1"),
        ("durvalumab-after-chemoradiotherapy", "FactsView.In(f, \"no-metastatic-disease\") && f.NonSmallCell == true && (f.StageGroup == \"III\" || f.StageGroup == \"IIIA\" || f.StageGroup == \"IIIB\" || f.StageGroup == \"IIIC\") && f.ConcurrentChemoradiotherapy == true && f.AnyProgressionOnTherapy == false && f.IciExposed == false && f.Egfr == \"negative\" && f.Alk == \"negative\" && f.Ecog <= 1"),
        ("osimertinib-first-line", $"{Untreated} && f.EgfrClassic == true && {NoSymptomaticBrain} && f.Ecog <= 1"),
        ("pembrolizumab-first-line-pdl1-high", $"{Untreated} && f.ActionableDriver == false && f.Pdl1Tps >= 50 && f.BrainMetastasisFree == true && f.Ecog <= 1"),
        ("chemo-immunotherapy-first-line-non-squamous", $"{Untreated} && f.NonSquamous == true && f.ActionableDriver == false && f.Ecog <= 1"),
        ("chemo-immunotherapy-first-line-squamous", $"{Untreated} && f.Histology == \"squamous\" && f.ActionableDriver == false && f.Ecog <= 1"),
        ("thoracic-rt-es-sclc-responders", "f.Decided == true && f.Histology == \"small-cell\" && f.SclcExtent == \"extensive\" && f.Therapies != null && f.Therapies.Any(Setting == \"first-line-metastatic\" && Chemotherapy == true && (BestResponse == \"complete\" || BestResponse == \"partial\")) && f.FirstLineWithoutProgression == true && f.IciExposed == false && f.Ecog <= 2 && FactsView.LocalNotDeclined(f)"),
        ("adrenalectomy-solitary-adrenal-metastasis", "FactsView.In(f, \"metachronous-oligorecurrence|repeat-oligorecurrence\") && f.NonSmallCell == true && f.PrimaryControlled == true && f.LesionCount == 1 && f.Lesions != null && f.Lesions.Any(Organ == \"adrenal\" && Treatable == true) && f.StagingComplete == true && f.Ecog <= 1 && FactsView.LocalNotDeclined(f) && FactsView.RadicalNotExcluded(f)"),
        ("radical-treatment-primary-and-solitary-metastasis", $"FactsView.In(f, \"synchronous-oligometastatic\") && f.NonSmallCell == true && f.LesionCount == 1 && {AllTreatable} && f.AnyPriorSystemic == false && f.StagingComplete == true && f.BrainMetastasisFree == true && f.Ecog <= 1 && FactsView.LocalNotDeclined(f) && FactsView.RadicalNotExcluded(f)"),
        ("rebiopsy-at-progression-on-egfr-tki", "f.Decided == true && f.NonSmallCell == true && f.Therapies != null && (f.Therapies.Any(EgfrTki == true && Ongoing == true && Progressed == true) || (FactsView.In(f, \"metachronous-oligoprogression|repeat-oligoprogression|induced-oligoprogression\") && f.Therapies.Any(EgfrTki == true && Ongoing == true)))"),
        ("alk-tki-first-line", $"f.Decided == true && FactsView.NoneIn(f, \"no-metastatic-disease\") && f.NonSmallCell == true && f.Alk == \"positive\" && f.AnyPriorSystemic == false && {NoSymptomaticBrain} && f.Ecog <= 2"),
        ("ros1-tki-first-line", $"f.Decided == true && FactsView.NoneIn(f, \"no-metastatic-disease\") && f.NonSmallCell == true && f.Ros1 == \"positive\" && f.AnyPriorSystemic == false && {NoSymptomaticBrain} && f.Ecog <= 2"),
        ("platinum-etoposide-rechallenge-sclc", $"{SclcRelapse} && f.Therapies != null && f.Therapies.Any(Chemotherapy == true && (BestResponse == \"complete\" || BestResponse == \"partial\")) && f.Therapies.All(Chemotherapy == false || FreeIntervalDays >= 90)"),
        ("lurbinectedin-sclc-relapse", $"{SclcRelapse} && f.Therapies != null && (f.Therapies.Any(Chemotherapy == true && Progressed == true) || f.Therapies.Any(Chemotherapy == true && FreeIntervalDays >= 1)) && f.Therapies.All(Chemotherapy != null) && f.Therapies.Count(Chemotherapy == true) == 1 && f.BrainMetastasisFree == true"),
        ("molecular-testing-incomplete", "f.Decided == true && FactsView.NoneIn(f, \"no-metastatic-disease\") && (f.Histology == \"adenocarcinoma\" || f.Histology == \"adenosquamous\" || f.Histology == \"large-cell\" || f.Histology == \"nsclc-nos\") && f.AnyPriorSystemic == false && f.ActionableDriver == null"),
    ];

    private const string Untreated = "FactsView.In(f, \"synchronous-oligometastatic|metachronous-oligorecurrence|repeat-oligorecurrence|polymetastatic\") && f.NonSmallCell == true && f.AnyPriorSystemic == false";
    private const string NoSymptomaticBrain = "f.Lesions != null && f.Lesions.All(Organ != \"brain\" || Symptomatic == false)";

    private static readonly (string Name, string Expression)[] SecondPass =
    [
        ("caution-lct-after-chemo-immunotherapy", "fired.Contains(\"|lct-all-sites-after-first-line|\") && f.IciExposed == true"),
        ("caution-sabr-toxicity", "fired.Contains(\"|sabr-all-metastases|\")"),
        ("timing-checkpoint-inhibitor-sbrt", $"{IrradiatesOnTherapy} && f.OngoingIci == true"),
        ("timing-vegf-inhibitor-sbrt", $"{IrradiatesOnTherapy} && f.OngoingAntiAngiogenic == true"),
    ];

    private const string IrradiatesOnTherapy = "(fired.Contains(\"|lct-all-sites-after-first-line|\") || fired.Contains(\"|egfr-tki-plus-rt-all-sites|\") || fired.Contains(\"|lat-then-pembrolizumab|\") || fired.Contains(\"|sabr-all-metastases|\") || fired.Contains(\"|oligoprogression-lat-continue-systemic|\") || fired.Contains(\"|lat-oligopersistence|\") || fired.Contains(\"|sbrt-plus-pembrolizumab|\") || fired.Contains(\"|radical-treatment-primary-and-solitary-metastasis|\"))";

    private readonly RE.RulesEngine engine;

    public RulesEngineWorkflow()
    {
        Workflow Make(string name, (string Name, string Expression)[] rules) => new()
        {
            WorkflowName = name,
            Rules = [.. rules.Select(r => new Rule { RuleName = r.Name, Expression = r.Expression, RuleExpressionType = RuleExpressionType.LambdaExpression })],
        };

        engine = new RE.RulesEngine([Make(First, FirstPass), Make(Chained, SecondPass)], new ReSettings { CustomTypes = [typeof(FactsView)] });
    }

    public List<string> Evaluate(FactsView f)
    {
        var input = new RuleParameter("f", f);
        var first = engine.ExecuteAllRulesAsync(First, input).GetAwaiter().GetResult();
        var options = first.Where(r => r.IsSuccess).Select(r => r.Rule.RuleName).ToList();
        var fired = new RuleParameter("fired", "|" + string.Join('|', options) + "|");
        var second = engine.ExecuteAllRulesAsync(Chained, input, fired).GetAwaiter().GetResult();
        options.AddRange(second.Where(r => r.IsSuccess).Select(r => r.Rule.RuleName));
        return options;
    }

    /// <summary>Any rule whose expression failed to compile or run (RulesEngine reports these as failed rules, not exceptions).</summary>
    public IReadOnlyList<string> Errors(FactsView f)
    {
        var input = new RuleParameter("f", f);
        var fired = new RuleParameter("fired", "||");
        return [.. engine.ExecuteAllRulesAsync(First, input).GetAwaiter().GetResult()
            .Concat(engine.ExecuteAllRulesAsync(Chained, input, fired).GetAwaiter().GetResult())
            .Where(r => !string.IsNullOrEmpty(r.ExceptionMessage))
            .Select(r => $"{r.Rule.RuleName}: {r.ExceptionMessage}")];
    }
}
