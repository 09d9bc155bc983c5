using System.Globalization;
using OligoDecide.Evidence;
using OligoDecide.Model;

namespace OligoDecide.Rules;

/// <summary>How the fractions of a schedule are spaced.</summary>
public enum Rhythm
{
    /// <summary><c>daily</c>: one fraction per working day.</summary>
    Daily,

    /// <summary><c>every-second-day</c>: one fraction every second day.</summary>
    EverySecondDay,
}

/// <summary>
/// One radiotherapy schedule of a schedule table row: a total dose in Gy (or a range) in a number of fractions
/// (or a range), with the rhythm when the source gives it.
/// </summary>
/// <param name="TotalGy">Total dose in Gy (the lower end of a range).</param>
/// <param name="TotalGyMax">Upper end of a dose range in Gy, or null for a single dose.</param>
/// <param name="Fractions">Number of fractions (the lower end of a range).</param>
/// <param name="FractionsMax">Upper end of a fraction range, or null for a single number.</param>
/// <param name="Rhythm">Daily or every second day; null when the source does not say.</param>
public sealed record Fractionation(decimal TotalGy, decimal? TotalGyMax, int Fractions, int? FractionsMax, Rhythm? Rhythm)
{
    /// <summary>"54 Gy / 3 fx, every second day", "45-60 Gy / 3-8 fx".</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var gy = TotalGy.ToString(inv) + (TotalGyMax is { } g ? "-" + g.ToString(inv) : string.Empty);
        var fx = Fractions.ToString(inv) + (FractionsMax is { } f ? "-" + f.ToString(inv) : string.Empty);
        var rhythm = Rhythm switch
        {
            Rules.Rhythm.Daily => ", daily",
            Rules.Rhythm.EverySecondDay => ", every second day",
            _ => string.Empty,
        };
        return $"{gy} Gy / {fx} fx{rhythm}";
    }
}

/// <summary>What a schedule table row does when it matches a lesion.</summary>
internal enum RowKind
{
    /// <summary>Gives its schedules.</summary>
    Schedule,

    /// <summary>Adds a caution to the lesion; other rows' schedules still show.</summary>
    Caution,

    /// <summary>Adds a caution and withholds every schedule for the lesion (no standard schedule is safe or sourced).</summary>
    Withhold,
}

/// <summary>A size band on a lesion's largest diameter in mm; each end inclusive or exclusive.</summary>
internal sealed record SizeBand(decimal? Min, bool MinExclusive, decimal? Max, bool MaxExclusive)
{
    public Truth Test(decimal? size)
    {
        if (size is not { } s)
        {
            return Truth.Unknown;
        }

        var ok = (Min is not { } lo || (MinExclusive ? s > lo : s >= lo)) && (Max is not { } hi || (MaxExclusive ? s < hi : s <= hi));
        return ok ? Truth.True : Truth.False;
    }

    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var lo = Min is { } a ? a.ToString(inv) + (MinExclusive ? " < " : " ≤ ") : string.Empty;
        var hi = Max is { } b ? (MaxExclusive ? " < " : " ≤ ") + b.ToString(inv) : string.Empty;
        return lo + "sizeMm" + hi;
    }
}

/// <summary>One row of a schedule table: the lesion (and patient) facts it needs, and its schedules or caution.</summary>
internal sealed record ScheduleRow(
    string Id,
    string Title,
    RowKind Kind,
    IReadOnlyList<FactCondition> Lesion,
    SizeBand? Size,
    Condition? When,
    IReadOnlyList<Fractionation> Doses,
    string? Note,
    IReadOnlyList<Citation> Evidence);

/// <summary>A schedule table (e.g. the SABR-COMET protocol's Table 1): rows tried against every treated lesion.</summary>
internal sealed record ScheduleTable(string Id, string Title, IReadOnlyList<ScheduleRow> Rows, string Source, int Line);

/// <summary>An option that carries schedules: which lesions it treats and which tables apply to them.</summary>
internal sealed record Treatment(string Option, TreatedLesions Treats, IReadOnlyList<ScheduleTable> Tables, string Source, int Line);

/// <summary>The schedule tables and treatments of a rule set.</summary>
internal sealed record DoseScheduleSet(IReadOnlyList<ScheduleTable> Tables, IReadOnlyList<Treatment> Treatments)
{
    public static DoseScheduleSet Empty { get; } = new([], []);
}
