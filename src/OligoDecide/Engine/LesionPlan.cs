using OligoDecide.Evidence;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>
/// The dose schedules for one lesion that one suggested option treats. A lesion whose deciding fact is unknown
/// has no <see cref="Schedules"/> and names the fact in <see cref="Missing"/>: never a guessed dose.
/// </summary>
/// <param name="Option">The suggested option (code) that treats the lesion.</param>
/// <param name="Treats">Which lesions the option treats: all countable, progressing only, or one (then every countable lesion is a candidate).</param>
/// <param name="Lesion">Index of the lesion in <c>metastases.lesions</c> (0-based, as in the fact paths).</param>
/// <param name="Organ">The lesion's organ (kebab-case), or null when not recorded.</param>
/// <param name="SizeMm">The lesion's largest diameter in mm, or null.</param>
/// <param name="Schedules">Rows whose conditions all hold, with their schedules; empty when a deciding fact is missing or a row withholds them.</param>
/// <param name="Cautions">Caution rows that hold for the lesion (a withholding caution explains why no schedule is given).</param>
/// <param name="Missing">Facts that would decide a row, and what the row needs; non-empty means the schedules are withheld.</param>
public sealed record LesionPlan(
    string Option,
    TreatedLesions Treats,
    int Lesion,
    string? Organ,
    decimal? SizeMm,
    IReadOnlyList<ScheduleMatch> Schedules,
    IReadOnlyList<ScheduleMatch> Cautions,
    IReadOnlyList<MissingFact> Missing)
{
    /// <summary>True when a caution row withholds every schedule for this lesion.</summary>
    public bool Withheld { get; init; }
}

/// <summary>A schedule table row that holds for a lesion.</summary>
/// <param name="Table">Schedule table id, e.g. <c>sabr-comet</c>.</param>
/// <param name="Row">Row id within the table.</param>
/// <param name="Title">The row in words, e.g. "Lung, 3 cm or less, surrounded by lung".</param>
/// <param name="Doses">The schedules (empty for a caution).</param>
/// <param name="Note">What the board must know about the row (strength, population, limits), or null.</param>
/// <param name="Evidence">The row's citations.</param>
/// <param name="Because">The lesion and patient facts that made the row hold.</param>
public sealed record ScheduleMatch(
    string Table,
    string Row,
    string Title,
    IReadOnlyList<Fractionation> Doses,
    string? Note,
    IReadOnlyList<Citation> Evidence,
    IReadOnlyList<Reason> Because);
