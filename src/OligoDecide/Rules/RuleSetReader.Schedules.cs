using OligoDecide.Documents;
using OligoDecide.Evidence;
using OligoDecide.Model;

namespace OligoDecide.Rules;

/// <summary>Reads the <c>schedules:</c> (dose schedule tables) and <c>treatments:</c> sections of rule files.</summary>
internal sealed partial class RuleSetReader
{
    /// <summary>A table as read, its rows' evidence not yet resolved.</summary>
    internal sealed record RawTable(ScheduleTable Table, IReadOnlyList<IReadOnlyList<(string Id, int Line, int Column)>> RowEvidence, string Source, int Line, int Column);

    /// <summary>A treatment as read, its tables not yet resolved.</summary>
    internal sealed record RawTreatment(string Option, TreatedLesions Treats, IReadOnlyList<(string Id, int Line, int Column)> Tables, string Source, int Line, int Column);

    public List<RawTable> RawTables { get; } = [];

    public List<RawTreatment> RawTreatments { get; } = [];

    private RawTable? ReadTable(NodeContext ctx, YamlNode node, string path, string source)
    {
        string? id = null, title = null;
        List<(ScheduleRow Row, List<(string, int, int)> Evidence)> rows = [];
        var before = ctx.Findings.Count;
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["id"] = (v, p) => id = Id(ctx, v, p),
            ["title"] = (v, p) => title = ctx.String(v, p),
            ["rows"] = (v, p) => rows = ctx.List(v, p, (r, rp) => ReadRow(ctx, r, rp)).OfType<(ScheduleRow, List<(string, int, int)>)>().ToList(),
        }, "id", "title", "rows");
        if (rows.Count == 0 && ctx.Findings.Count == before)
        {
            ctx.Error(node, NodeContext.Join(path, "rows"), "a schedule table needs at least one row");
        }

        var dupe = rows.GroupBy(r => r.Row.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dupe is not null && ctx.Findings.Count == before)
        {
            ctx.Error(node, NodeContext.Join(path, "rows"), $"the row id '{dupe.Key}' is used twice in this table");
        }

        if (ctx.Findings.Count != before || id is null || title is null)
        {
            return null;
        }

        return new RawTable(new ScheduleTable(id, title, [.. rows.Select(r => r.Row)], source, node.Line), [.. rows.Select(r => (IReadOnlyList<(string, int, int)>)r.Evidence)], source, node.Line, node.Column);
    }

    private (ScheduleRow, List<(string, int, int)>)? ReadRow(NodeContext ctx, YamlNode node, string path)
    {
        string? id = null, title = null, note = null;
        RowKind kind = RowKind.Schedule;
        List<FactCondition> lesion = [];
        SizeBand? size = null;
        Condition? when = null;
        List<Fractionation> doses = [];
        List<(string, int, int)> evidence = [];
        var before = ctx.Findings.Count;
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["id"] = (v, p) => id = Id(ctx, v, p),
            ["title"] = (v, p) => title = ctx.String(v, p),
            ["kind"] = (v, p) => kind = ctx.Enum<RowKind>(v, p) ?? RowKind.Schedule,
            ["lesion"] = (v, p) => (lesion, size) = ReadRowLesion(ctx, v, p),
            ["when"] = (v, p) => when = ReadCondition(ctx, v, p, topLevel: false),
            ["dose"] = (v, p) => doses = ctx.List(v, p, (d, dp) => ReadFractionation(ctx, d, dp)),
            ["note"] = (v, p) => note = ctx.String(v, p)?.Trim(),
            ["evidence"] = (v, p) => evidence = ctx.List(v, p, (s, sp) => Ref(ctx, s, sp)).OfType<(string, int, int)>().ToList(),
        }, "id", "title", "lesion", "evidence");

        if (ctx.Findings.Count == before)
        {
            if (kind == RowKind.Schedule && doses.Count == 0)
            {
                ctx.Error(node, NodeContext.Join(path, "dose"), "a schedule row needs at least one dose (or kind: caution / withhold)");
            }
            else if (kind != RowKind.Schedule && doses.Count > 0)
            {
                ctx.Error(node, NodeContext.Join(path, "dose"), "a caution or withhold row gives no dose");
            }
            else if (kind != RowKind.Schedule && note is null)
            {
                ctx.Error(node, NodeContext.Join(path, "note"), "a caution or withhold row needs a note saying what the board must weigh");
            }
            else if (evidence.Count == 0)
            {
                ctx.Error(node, NodeContext.Join(path, "evidence"), "a row needs at least one citation id in evidence");
            }
        }

        return ctx.Findings.Count != before || id is null || title is null
            ? null
            : (new ScheduleRow(id, title, kind, lesion, size, when, doses, note, []), evidence);
    }

    /// <summary>A row's lesion fields: like a lesion <c>where</c>, plus <c>sizeMm</c> as a band (min, max, above, below).</summary>
    private static (List<FactCondition>, SizeBand?) ReadRowLesion(NodeContext ctx, YamlNode node, string path)
    {
        if (node is not YamlMapping map)
        {
            ctx.Error(node, path, $"expected lesion fields with values, found {node.Describe()}");
            return ([], null);
        }

        SizeBand? size = null;
        var rest = new YamlMapping(map.Line, map.Column);
        foreach (var entry in map.Entries)
        {
            if (entry.Key.Value == "sizeMm")
            {
                size = ReadSizeBand(ctx, entry.Value, NodeContext.Join(path, "sizeMm"));
            }
            else
            {
                rest.Entries.Add(entry);
            }
        }

        var where = rest.Entries.Count == 0 ? [] : ReadWhere(ctx, rest, path, LesionItems) ?? [];
        return (where, size);
    }

    private static SizeBand? ReadSizeBand(NodeContext ctx, YamlNode node, string path)
    {
        decimal? min = null, max = null;
        bool minEx = false, maxEx = false;
        var before = ctx.Findings.Count;
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["min"] = (v, p) => min = ctx.Decimal(v, p),
            ["above"] = (v, p) => (min, minEx) = (ctx.Decimal(v, p), true),
            ["max"] = (v, p) => max = ctx.Decimal(v, p),
            ["below"] = (v, p) => (max, maxEx) = (ctx.Decimal(v, p), true),
        });
        if (ctx.Findings.Count == before && min is null && max is null)
        {
            ctx.Error(node, path, "a size band needs min, above, max or below (mm)");
        }

        return ctx.Findings.Count != before ? null : new SizeBand(min, minEx, max, maxEx);
    }

    private static Fractionation? ReadFractionation(NodeContext ctx, YamlNode node, string path)
    {
        decimal? total = null, totalMax = null;
        int? fractions = null, fractionsMax = null;
        Rhythm? rhythm = null;
        var before = ctx.Findings.Count;
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["totalGy"] = (v, p) => total = Gy(ctx, v, p),
            ["totalGyMax"] = (v, p) => totalMax = Gy(ctx, v, p),
            ["fractions"] = (v, p) => fractions = Fx(ctx, v, p),
            ["fractionsMax"] = (v, p) => fractionsMax = Fx(ctx, v, p),
            ["rhythm"] = (v, p) => rhythm = ctx.Enum<Rhythm>(v, p),
        }, "totalGy", "fractions");
        if (ctx.Findings.Count == before && (totalMax <= total || fractionsMax <= fractions))
        {
            ctx.Error(node, path, "totalGyMax and fractionsMax must be above totalGy and fractions");
        }

        return ctx.Findings.Count != before || total is null || fractions is null ? null : new Fractionation(total.Value, totalMax, fractions.Value, fractionsMax, rhythm);

        static decimal? Gy(NodeContext ctx, YamlNode v, string p)
        {
            var d = ctx.Decimal(v, p);
            if (d is <= 0 or > 200)
            {
                ctx.Error(v, p, "a dose in Gy must be more than 0 and at most 200");
            }

            return d;
        }

        static int? Fx(NodeContext ctx, YamlNode v, string p)
        {
            var n = ctx.Int(v, p);
            if (n is < 1 or > 100)
            {
                ctx.Error(v, p, "fractions must be between 1 and 100");
            }

            return n;
        }
    }

    private static RawTreatment? ReadTreatment(NodeContext ctx, YamlNode node, string path, string source)
    {
        string? option = null;
        TreatedLesions? treats = null;
        List<(string, int, int)> tables = [];
        var before = ctx.Findings.Count;
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["option"] = (v, p) => option = Id(ctx, v, p),
            ["treats"] = (v, p) => treats = ctx.Enum<TreatedLesions>(v, p),
            ["schedules"] = (v, p) => tables = ctx.List(v, p, (s, sp) => Ref(ctx, s, sp)).OfType<(string, int, int)>().ToList(),
        }, "option", "treats", "schedules");
        return ctx.Findings.Count != before || option is null || treats is null ? null : new RawTreatment(option, treats.Value, tables, source, node.Line, node.Column);
    }

    /// <summary>
    /// Resolves row evidence and treatment tables; checks that every treatment names an option some rule gives,
    /// once, and that table ids are unique. Errors name file, line and column.
    /// </summary>
    public DoseScheduleSet ResolveSchedules(IReadOnlyDictionary<string, Citation> citations, IReadOnlySet<string> options)
    {
        var tables = new Dictionary<string, ScheduleTable>(StringComparer.Ordinal);
        foreach (var raw in RawTables)
        {
            if (tables.ContainsKey(raw.Table.Id))
            {
                Error(raw.Source, raw.Line, raw.Column, raw.Table.Id, $"the schedule table id '{raw.Table.Id}' is used twice");
                continue;
            }

            var rows = new List<ScheduleRow>();
            for (var i = 0; i < raw.Table.Rows.Count; i++)
            {
                var evidence = new List<Citation>();
                foreach (var (id, line, col) in raw.RowEvidence[i])
                {
                    if (citations.TryGetValue(id, out var c))
                    {
                        evidence.Add(c);
                    }
                    else
                    {
                        var hint = NodeContext.Suggest(id, citations.Keys);
                        Error(raw.Source, line, col, $"{raw.Table.Id}.{raw.Table.Rows[i].Id}.evidence", $"no citation '{YamlReader.Truncate(id)}' in citations.yaml" + (hint is null ? "." : $"; did you mean '{hint}'?"));
                    }
                }

                rows.Add(raw.Table.Rows[i] with { Evidence = evidence });
            }

            tables[raw.Table.Id] = raw.Table with { Rows = rows };
        }

        var treatments = new List<Treatment>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in RawTreatments)
        {
            if (!options.Contains(raw.Option))
            {
                var hint = NodeContext.Suggest(raw.Option, options);
                Error(raw.Source, raw.Line, raw.Column, "treatments.option", $"no rule gives the option '{YamlReader.Truncate(raw.Option)}'" + (hint is null ? "." : $"; did you mean '{hint}'?"));
                continue;
            }

            if (!seen.Add(raw.Option))
            {
                Error(raw.Source, raw.Line, raw.Column, "treatments.option", $"the option '{raw.Option}' already has a treatment entry");
                continue;
            }

            var resolved = new List<ScheduleTable>();
            foreach (var (id, line, col) in raw.Tables)
            {
                if (tables.TryGetValue(id, out var t))
                {
                    resolved.Add(t);
                }
                else
                {
                    var hint = NodeContext.Suggest(id, tables.Keys);
                    Error(raw.Source, line, col, "treatments.schedules", $"no schedule table '{YamlReader.Truncate(id)}'" + (hint is null ? "." : $"; did you mean '{hint}'?"));
                }
            }

            treatments.Add(new Treatment(raw.Option, raw.Treats, resolved, raw.Source, raw.Line));
        }

        return new DoseScheduleSet([.. tables.Values.OrderBy(t => t.Id, StringComparer.Ordinal)], treatments);
    }
}
