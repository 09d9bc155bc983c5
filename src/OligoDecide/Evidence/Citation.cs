namespace OligoDecide.Evidence;

/// <summary>The design of a cited study, from strongest to weakest kind of evidence for a treatment choice.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Output.KebabCaseEnumConverter<EvidenceDesign>))]
public enum EvidenceDesign
{
    /// <summary><c>guideline</c>: clinical practice guideline or consensus recommendation.</summary>
    Guideline,

    /// <summary><c>meta-analysis</c>.</summary>
    MetaAnalysis,

    /// <summary><c>rct-phase3</c>: randomised phase 3 trial.</summary>
    RctPhase3,

    /// <summary><c>rct-phase2</c>: randomised phase 2 trial.</summary>
    RctPhase2,

    /// <summary><c>pooled-analysis</c> of randomised trials.</summary>
    PooledAnalysis,

    /// <summary><c>single-arm-phase2</c>: non-randomised phase 2 trial.</summary>
    SingleArmPhase2,

    /// <summary><c>subgroup-analysis</c>: a subgroup of a trial; exploratory.</summary>
    SubgroupAnalysis,

    /// <summary><c>retrospective</c> series or cohort.</summary>
    Retrospective,

    /// <summary><c>preclinical</c>: laboratory or animal work; hypothesis-generating.</summary>
    Preclinical,

    /// <summary><c>conference-abstract</c>: presented, not yet fully published.</summary>
    ConferenceAbstract,

    /// <summary><c>protocol</c>: a published trial protocol; the source of a schedule or procedure, not of an outcome.</summary>
    Protocol,
}

/// <summary>One entry of the evidence catalogue (<c>citations.yaml</c>).</summary>
public sealed record Citation
{
    /// <summary>Catalogue id (kebab-case).</summary>
    public required string Id { get; init; }

    /// <summary>Title of the publication.</summary>
    public required string Title { get; init; }

    /// <summary>Authors, e.g. "Palma DA, Olson R, Harrow S, et al.".</summary>
    public required string Authors { get; init; }

    /// <summary>Journal (abbreviated), when published in one.</summary>
    public string? Journal { get; init; }

    /// <summary>Where it was presented or found when there is no journal DOI (e.g. a congress abstract).</summary>
    public string? Source { get; init; }

    /// <summary>Publication year.</summary>
    public required int Year { get; init; }

    /// <summary>The DOI (10.NNNN/…), when one exists and was confirmed.</summary>
    public string? Doi { get; init; }

    /// <summary>Study design.</summary>
    public required EvidenceDesign Design { get; init; }

    /// <summary>Number of patients, where applicable.</summary>
    public int? N { get; init; }

    /// <summary>Short trial name, e.g. SABR-COMET.</summary>
    public string? Trial { get; init; }

    /// <summary>The figures the rules rely on, with units.</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];

    /// <summary>First author's surname, for short references.</summary>
    public string FirstAuthor => Authors.Split([' ', ','], 2)[0];

    /// <summary>"Author Journal Year; DOI" as a tumour-board reader expects it.</summary>
    public string ShortReference =>
        $"{FirstAuthor} {Journal ?? Source} {Year}" + (Doi is null ? string.Empty : $"; doi:{Doi}");
}
