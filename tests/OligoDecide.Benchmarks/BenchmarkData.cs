using System.Reflection;
using System.Text;
using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Facts;
using OligoDecide.Model;
using OligoDecide.Synthetic;

namespace OligoDecide.Benchmarks;

/// <summary>The benchmark patients: every seed case plus generated ones (seed 42), the same for every engine.</summary>
public static class BenchmarkData
{
    /// <summary>Patients per benchmark invocation: every seed case, topped up with generated patients to this total.</summary>
    /// <remarks>A constant, because BenchmarkDotNet's OperationsPerInvoke must be one; adding seed cases does not change it.</remarks>
    public const int Total = 320;

    private static readonly Lazy<IReadOnlyList<Patient>> All = new(Load);

    /// <summary>The seed cases (in name order), then generated patients up to <see cref="Total"/>.</summary>
    public static IReadOnlyList<Patient> Patients => All.Value;

    /// <summary>The seed cases embedded in this assembly, by file name.</summary>
    public static IReadOnlyList<(string Name, string Text)> SeedDocuments()
    {
        var assembly = typeof(BenchmarkData).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("seeds.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n["seeds.".Length..], Read(assembly, n)))];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static List<Patient> Load()
    {
        var patients = SeedDocuments().Select(d => PatientDocument.Parse(d.Text, d.Name).GetPatientOrThrow()).ToList();
        patients.AddRange(PatientGenerator.Documents(Total - patients.Count, 42).Select(d => PatientDocument.Parse(d, "generated").GetPatientOrThrow()));
        return patients;
    }

    /// <summary>The shared front half of every engine: classify, derive facts, copy them to the public view the alternatives read.</summary>
    public static FactsView Prepare(Patient patient)
    {
        var classification = OligometastaticClassifier.Default.Classify(patient);
        return FactsView.From(PatientFactsBuilder.Build(patient, classification));
    }
}

/// <summary>The rule facts (null = unknown) as a public type, so that NRules.Fluent and RulesEngine's dynamic LINQ can read them.</summary>
public sealed class FactsView
{
    public string? State { get; init; }

    /// <summary>On an indeterminate case, the states still possible (a state test holds when every one of them passes).</summary>
    public string[]? PossibleStates { get; init; }

    /// <summary>
    /// The rule language's state test: the state is one of <paramref name="states"/> ('|'-separated), or, on an
    /// indeterminate case, every possible state is (no allocation: the baselines are measured).
    /// </summary>
    public static bool In(FactsView f, string states)
    {
        if (f.State is { } state)
        {
            return Contains(states, state);
        }

        if (f.PossibleStates is not { Length: > 0 } possible)
        {
            return false;
        }

        foreach (var p in possible)
        {
            if (!Contains(states, p))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The rule language's <c>notIn</c> test of the state: the state is none of <paramref name="states"/>, or, on an
    /// indeterminate case, no possible state is.
    /// </summary>
    public static bool NoneIn(FactsView f, string states)
    {
        if (f.State is { } state)
        {
            return !Contains(states, state);
        }

        if (f.PossibleStates is not { Length: > 0 } possible)
        {
            return false;
        }

        foreach (var p in possible)
        {
            if (Contains(states, p))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(string states, string state)
    {
        foreach (var range in states.AsSpan().Split('|'))
        {
            if (states.AsSpan()[range].SequenceEqual(state))
            {
                return true;
            }
        }

        return false;
    }
    public bool? Oligometastatic { get; init; }
    public bool? Decided { get; init; }
    public int? LesionCount { get; init; }
    public int? Ecog { get; init; }
    public string? Histology { get; init; }
    public bool? NonSmallCell { get; init; }
    public bool? NonSquamous { get; init; }
    public string? StageGroup { get; init; }
    public string? SclcExtent { get; init; }
    public bool? PrimaryControlled { get; init; }
    public bool? EgfrClassic { get; init; }
    public bool? ActionableDriver { get; init; }
    public bool? AnyPriorSystemic { get; init; }
    public bool? OngoingIci { get; init; }

    public bool? OngoingAntiAngiogenic { get; init; }
    public bool? OngoingIciMonotherapy { get; init; }
    public bool? IciExposed { get; init; }
    public bool? FirstLineWithoutProgression { get; init; }
    public bool? AnyProgressionOnTherapy { get; init; }
    public bool? ConcurrentChemoradiotherapy { get; init; }
    public bool? StagingComplete { get; init; }
    public bool? ChemotherapyForMetastatic { get; init; }
    public decimal? Pdl1Tps { get; init; }
    public string? Egfr { get; init; }
    public string? Alk { get; init; }
    public string? Ros1 { get; init; }
    public int? ProgressionSites { get; init; }
    public decimal? FirstLineMonths { get; init; }
    public int? FirstLineCycles { get; init; }
    public string? SettingAtMetastasis { get; init; }
    public bool? LimitedProgressionOnTherapy { get; init; }
    public int? MaxLesionsPerOrgan { get; init; }
    public int? RegionalNodeCount { get; init; }
    public bool? BrainMetastasisFree { get; init; }
    public string? TreatmentIntent { get; init; }
    public string? Preference { get; init; }
    public LesionView[]? Lesions { get; init; }
    public TherapyView[]? Therapies { get; init; }

    /// <summary>Named condition <c>local-therapy-not-declined</c>: never unknown (an unrecorded preference does not withhold).</summary>
    public static bool LocalNotDeclined(FactsView f) => f.Preference != "declines-local-therapy";

    /// <summary>Named condition <c>radical-intent-not-excluded</c>: never unknown (an unrecorded intent does not withhold).</summary>
    public static bool RadicalNotExcluded(FactsView f) => f.TreatmentIntent != "palliative";

    /// <summary>Named condition <c>pembrolizumab-alone-standard</c>, its "is true" half.</summary>
    public static bool PembrolizumabAloneStandard(FactsView f) => f.ChemotherapyForMetastatic == true || f.Pdl1Tps >= 50;

    internal static FactsView From(PatientFacts f) => new()
    {
        State = f.State,
        PossibleStates = f.PossibleStates is { } possible ? [.. possible.Cast<string>()] : null,
        // An indeterminate case is oligometastatic when every possible state is (the rule language's possible-state semantics).
        Oligometastatic = f.Oligometastatic ?? (f.PossibleOligometastatic is [bool only] ? only : null),
        Decided = f.Decided,
        LesionCount = f.LesionCount,
        Ecog = f.Ecog,
        Histology = f.Histology,
        NonSmallCell = f.NonSmallCell,
        NonSquamous = f.NonSquamous,
        StageGroup = f.StageGroup,
        SclcExtent = f.SclcExtent,
        PrimaryControlled = f.PrimaryControlled,
        EgfrClassic = f.EgfrClassic,
        ActionableDriver = f.ActionableDriver,
        AnyPriorSystemic = f.AnyPriorSystemic,
        OngoingIci = f.OngoingIci,
        OngoingAntiAngiogenic = f.OngoingAntiAngiogenic,
        OngoingIciMonotherapy = f.OngoingIciMonotherapy,
        IciExposed = f.IciExposed,
        FirstLineWithoutProgression = f.FirstLineWithoutProgression,
        AnyProgressionOnTherapy = f.AnyProgressionOnTherapy,
        ConcurrentChemoradiotherapy = f.ConcurrentChemoradiotherapy,
        StagingComplete = f.StagingComplete,
        ChemotherapyForMetastatic = f.ChemotherapyForMetastatic,
        Pdl1Tps = f.Pdl1Tps,
        Egfr = f.Egfr,
        Alk = f.Alk,
        Ros1 = f.Ros1,
        ProgressionSites = f.ProgressingSites,
        FirstLineMonths = f.FirstLineMonths,
        FirstLineCycles = f.FirstLineCycles,
        SettingAtMetastasis = f.SettingAtMetastasis,
        LimitedProgressionOnTherapy = f.LimitedProgressionOnTherapy,
        // The rule set counts per organ with countLesions (rules/02, at-most-2-metastases-per-organ); the mirrors take the largest count.
        MaxLesionsPerOrgan = f.Lesions is { } counted
            ? counted.Where(l => l.Countable == true && l.Organ is not null).GroupBy(l => l.Organ).Select(g => g.Count()).DefaultIfEmpty(0).Max()
            : null,
        RegionalNodeCount = f.RegionalNodeCount,
        BrainMetastasisFree = f.BrainMetastasisFree,
        TreatmentIntent = f.TreatmentIntent,
        Preference = f.Preference,
        Lesions = f.Lesions is { } ls ? [.. ls.Select(l => new LesionView { Organ = l.Organ, Status = l.Status, Treatable = l.Treatable, Countable = l.Countable, BoneSite = l.BoneSite, Symptomatic = l.Symptomatic })] : null,
        Therapies = f.Therapies is { } ts ? [.. ts.Select(t => new TherapyView { Setting = t.Setting, Chemotherapy = t.Chemotherapy, BestResponse = t.BestResponse, EgfrTki = t.DrugClass is { } classes ? classes.Contains("egfr-tki") : null, Ongoing = t.Ongoing, Progressed = t.Progressed, FreeIntervalDays = t.FreeIntervalDays })] : null,
    };
}

/// <summary>One lesion as the alternatives read it.</summary>
public sealed class LesionView
{
    public string? Organ { get; init; }
    public string? Status { get; init; }
    public bool? Treatable { get; init; }
    public bool? Countable { get; init; }
    public string? BoneSite { get; init; }
    public bool? Symptomatic { get; init; }

    /// <summary><c>anyLesion: { organ: bone, boneSite: spine, symptomatic: true }</c>, one lesion's "is true" half.</summary>
    public static bool SymptomaticSpine(LesionView l) => l.Organ == "bone" && l.BoneSite == "spine" && l.Symptomatic == true;
}

/// <summary>One systemic therapy as the alternatives read it (the fields the CREST and re-biopsy rules test).</summary>
public sealed class TherapyView
{
    public string? Setting { get; init; }
    public bool? Chemotherapy { get; init; }
    public string? BestResponse { get; init; }

    /// <summary>The regimen contains an EGFR-TKI (<c>drugClass: egfr-tki</c>); null when its classes are unknown.</summary>
    public bool? EgfrTki { get; init; }
    public bool? Ongoing { get; init; }
    public bool? Progressed { get; init; }
    public int? FreeIntervalDays { get; init; }
}

/// <summary>An option a rule suggested (NRules.Fluent chaining fact).</summary>
public sealed record FiredOption(string Option);
