namespace OligoDecide.Rules;

/// <summary>
/// What one known fact value implies about another fact, as <see cref="Facts.PatientFactsBuilder"/> and the
/// classifier derive them: e.g. a repeat state implies oligometastatic disease before. Each implication reads
/// "when <see cref="If"/> is one of <see cref="IfValues"/>, <see cref="Then"/> is one of <see cref="ThenValues"/>
/// or unknown". Used only to find rules whose conditions contradict through derived facts or states
/// (<see cref="RuleAnalysis.CannotFire"/>); a test checks every implication over generated patients.
/// </summary>
internal sealed record FactImplication(string If, IReadOnlyList<object> IfValues, string Then, IReadOnlyList<object> ThenValues)
{
    private static readonly string[] DeNovo = ["synchronous-oligometastatic", "metachronous-oligorecurrence", "metachronous-oligoprogression"];
    private static readonly string[] Repeat = ["repeat-oligorecurrence", "repeat-oligoprogression", "repeat-oligopersistence"];
    private static readonly string[] Induced = ["induced-oligorecurrence", "induced-oligoprogression", "induced-oligopersistence"];
    private static readonly string[] NotOligometastatic = ["polymetastatic", "no-metastatic-disease"];

    /// <summary>Every implication between facts of <see cref="Facts.FactCatalog"/> (enumerations and booleans only).</summary>
    public static IReadOnlyList<FactImplication> All { get; } =
    [
        // The state decides its category and whether it is oligometastatic (classifier leaves).
        new("classification.state", DeNovo, "classification.category", ["de-novo"]),
        new("classification.state", Repeat, "classification.category", ["repeat"]),
        new("classification.state", Induced, "classification.category", ["induced"]),
        new("classification.state", NotOligometastatic, "classification.category", ["none"]),
        new("classification.state", [.. DeNovo, .. Repeat, .. Induced], "classification.oligometastatic", [true]),
        new("classification.state", NotOligometastatic, "classification.oligometastatic", [false]),

        // Repeat and induced states rest on the history the classifier asked about.
        new("classification.state", Repeat, "history.oligometastatic", [true]),
        new("classification.state", Induced, "history.polymetastatic", [true]),
        new("classification.category", ["repeat"], "history.oligometastatic", [true]),
        new("classification.category", ["induced"], "history.polymetastatic", [true]),

        // Histology decides the two histology groups.
        new("primary.histology", ["small-cell"], "primary.nonSmallCell", [false]),
        new("primary.histology", ["adenocarcinoma", "squamous", "nsclc-nos", "large-cell"], "primary.nonSmallCell", [true]),
        new("primary.histology", ["adenocarcinoma", "nsclc-nos", "large-cell"], "primary.nonSquamous", [true]),
        new("primary.histology", ["squamous", "small-cell"], "primary.nonSquamous", [false]),

        // Driver status.
        new("biomarkers.egfr", ["exon19-deletion", "l858r"], "biomarkers.egfrClassic", [true]),
        new("biomarkers.egfr", ["negative", "exon20-insertion", "other"], "biomarkers.egfrClassic", [false]),
        new("biomarkers.egfr", ["exon19-deletion", "l858r", "exon20-insertion", "other"], "biomarkers.actionableDriver", [true]),
        new("biomarkers.alk", ["positive"], "biomarkers.actionableDriver", [true]),
        new("biomarkers.ros1", ["positive"], "biomarkers.actionableDriver", [true]),

        // Therapy: a narrower fact implies the wider one.
        new("therapy.ongoingIciMonotherapy", [true], "therapy.ongoingIci", [true]),
        new("therapy.ongoingIci", [true], "therapy.ongoing", [true]),
        new("therapy.ongoingIci", [true], "therapy.iciExposed", [true]),
        new("therapy.ongoingTargeted", [true], "therapy.ongoing", [true]),
        new("therapy.ongoing", [true], "therapy.anyPrior", [true]),
        new("therapy.iciExposed", [true], "therapy.anyPrior", [true]),
        new("therapy.anyProgression", [true], "therapy.anyPrior", [true]),

        // Imaging.
        new("imaging.stagingComplete", [true], "imaging.fdgPetCt", [true]),
        new("imaging.stagingComplete", [true], "imaging.brainMri", [true]),
    ];
}
