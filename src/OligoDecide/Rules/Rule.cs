using OligoDecide.Evidence;

namespace OligoDecide.Rules;

/// <summary>Whether a rule proposes an option or warns.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Output.KebabCaseEnumConverter<RuleKind>))]
public enum RuleKind
{
    /// <summary>A treatment or work-up option to put before the board.</summary>
    Option,

    /// <summary>A caution: something the board should weigh.</summary>
    Caution,
}

/// <summary>A radiotherapy dose prescription attached to an option.</summary>
/// <param name="TotalGy">Total dose in Gy.</param>
/// <param name="Fractions">Number of fractions.</param>
/// <param name="Target">What is treated, in words.</param>
public sealed record Dose(decimal TotalGy, int Fractions, string? Target)
{
    /// <summary>"24 Gy / 3 fx (target)".</summary>
    public override string ToString() =>
        $"{TotalGy.ToString(System.Globalization.CultureInfo.InvariantCulture)} Gy / {Fractions} fx" + (Target is null ? string.Empty : $" ({Target})");
}

/// <summary>One rule of a rule set, as written in YAML and validated at load.</summary>
public sealed record Rule
{
    /// <summary>Unique kebab-case id.</summary>
    public required string Id { get; init; }

    /// <summary>Option or caution.</summary>
    public required RuleKind Kind { get; init; }

    /// <summary>The option code shown to users (public contract).</summary>
    public required string Option { get; init; }

    /// <summary>Short title.</summary>
    public required string Title { get; init; }

    /// <summary>What to put before the board, in plain words, including how strong the evidence is.</summary>
    public required string Text { get; init; }

    /// <summary>Dose prescriptions, if any.</summary>
    public IReadOnlyList<Dose> Doses { get; init; } = [];

    /// <summary>Higher runs and lists first. Default 0.</summary>
    public int Priority { get; init; }

    /// <summary>Rule ids whose suggestions this rule removes when it fires.</summary>
    public IReadOnlyList<string> Supersedes { get; init; } = [];

    /// <summary>For cautions: the option codes this caution weighs against. Empty for options.</summary>
    public IReadOnlyList<string> Against { get; init; } = [];

    /// <summary>Kebab-case tags that group rules (e.g. <c>local-therapy-metastases</c>), so another rule can chain on any of them with <c>suggested: { tag: t }</c>. Empty when none.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The evidence, resolved from the catalogue (at least one).</summary>
    public required IReadOnlyList<Citation> Evidence { get; init; }

    /// <summary>The file the rule was read from.</summary>
    public string SourceFile { get; init; } = string.Empty;

    /// <summary>The line the rule starts at.</summary>
    public int SourceLine { get; init; }

    /// <summary>The condition tree.</summary>
    internal Condition When { get; init; } = null!;
}

/// <summary>Identity of a loaded rule set; every decision names the set it came from.</summary>
/// <param name="Id">Rule set id.</param>
/// <param name="Version">Semantic version.</param>
/// <param name="Title">Title.</param>
/// <param name="Sha256">SHA-256 (hex) over the canonical content of all files (sorted by name, LF line ends).</param>
public sealed record RuleSetInfo(string Id, string Version, string Title, string Sha256);
