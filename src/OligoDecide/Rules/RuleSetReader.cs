using System.Globalization;
using System.Text.RegularExpressions;
using OligoDecide.Documents;
using OligoDecide.Evidence;
using OligoDecide.Facts;

namespace OligoDecide.Rules;

/// <summary>Reads the YAML files of a rule set into the rule model, collecting every error with file:line:column.</summary>
internal sealed partial class RuleSetReader
{
    private readonly List<Finding> findings = [];
    private readonly DocumentLimits limits;

    public RuleSetReader(DocumentLimits limits) => this.limits = limits;

    public IReadOnlyList<Finding> Findings => findings;

    /// <summary>
    /// Rules that had errors, with what could be read of them: their id, option and citation ids still count
    /// when other rules refer to them, so one mistake is reported once (not again as "unknown rule",
    /// "no rule suggests the option" or "citation not used").
    /// </summary>
    public List<IncompleteRule> Incomplete { get; } = [];

    public (string? Id, string? Version, string? Title) ReadManifest(string source, string text)
    {
        string? id = null, version = null, title = null;
        var ctx = Context(source);
        var root = YamlReader.Read(text, source, limits, ctx.Findings);
        if (root is not null)
        {
            ctx.Mapping(root, string.Empty, new Dictionary<string, Action<YamlNode, string>>
            {
                ["id"] = (n, p) => id = Id(ctx, n, p),
                ["version"] = (n, p) =>
                {
                    version = ctx.String(n, p);
                    if (version is not null && !SemVer().IsMatch(version))
                    {
                        ctx.Error(n, p, $"'{YamlReader.Truncate(version)}' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)");
                    }
                },
                ["title"] = (n, p) => title = ctx.String(n, p),
                ["description"] = (n, p) => ctx.String(n, p),
            }, "id", "version", "title");
        }

        findings.AddRange(ctx.Findings);
        return (id, version, title);
    }

    public List<(Citation Citation, int Line, int Column, string Source)> ReadCitations(string source, string text)
    {
        var result = new List<(Citation, int, int, string)>();
        var ctx = Context(source);
        var root = YamlReader.Read(text, source, limits, ctx.Findings);
        if (root is not null)
        {
            ctx.Mapping(root, string.Empty, new Dictionary<string, Action<YamlNode, string>>
            {
                ["citations"] = (n, p) => ctx.List(n, p, (item, ip) =>
                {
                    var c = ReadCitation(ctx, item, ip);
                    if (c is not null)
                    {
                        result.Add((c, item.Line, item.Column, source));
                    }

                    return c;
                }),
            }, "citations");
        }

        findings.AddRange(ctx.Findings);
        return result;
    }

    private static Citation? ReadCitation(NodeContext ctx, YamlNode node, string path)
    {
        string? id = null, title = null, authors = null, journal = null, src = null, doi = null, trial = null;
        int? year = null, n = null;
        EvidenceDesign? design = null;
        List<string> results = [];
        var before = ctx.Findings.Count;
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["id"] = (v, p) => id = Id(ctx, v, p),
            ["title"] = (v, p) => title = ctx.String(v, p),
            ["authors"] = (v, p) => authors = ctx.String(v, p),
            ["journal"] = (v, p) => journal = ctx.String(v, p),
            ["source"] = (v, p) => src = ctx.String(v, p),
            ["year"] = (v, p) =>
            {
                year = ctx.Int(v, p);
                if (year is < 1900 or > 2100)
                {
                    ctx.Error(v, p, $"year {year} is out of range (1900-2100)");
                }
            },
            ["doi"] = (v, p) =>
            {
                doi = ctx.String(v, p);
                if (doi is not null && !DoiPattern().IsMatch(doi))
                {
                    ctx.Error(v, p, $"'{YamlReader.Truncate(doi)}' is not a DOI (expected 10.NNNN/suffix, without a URL prefix)");
                }
            },
            ["design"] = (v, p) => design = ctx.Enum<EvidenceDesign>(v, p),
            ["n"] = (v, p) =>
            {
                n = ctx.Int(v, p);
                if (n is < 1)
                {
                    ctx.Error(v, p, "n must be at least 1");
                }
            },
            ["trial"] = (v, p) => trial = ctx.String(v, p),
            ["findings"] = (v, p) => results = ctx.List(v, p, ctx.String),
        }, "id", "title", "authors", "year", "design");

        if (doi is null && src is null && ctx.Findings.Count == before)
        {
            ctx.Error(node, NodeContext.Join(path, "source"), "a citation without a doi needs a source (e.g. the congress and abstract number)");
        }

        if (journal is null && src is null && ctx.Findings.Count == before)
        {
            ctx.Error(node, NodeContext.Join(path, "journal"), "a citation needs a journal or a source");
        }

        if (ctx.Findings.Count != before || id is null || title is null || authors is null || year is null || design is null)
        {
            return null;
        }

        return new Citation
        {
            Id = id,
            Title = title,
            Authors = authors,
            Journal = journal,
            Source = src,
            Year = year.Value,
            Doi = doi,
            Design = design.Value,
            N = n,
            Trial = trial,
            Findings = results,
        };
    }

    /// <summary>A rule as read, before citations and cross-references are resolved.</summary>
    internal sealed record RawRule(Rule Rule, IReadOnlyList<(string Id, int Line, int Column)> Evidence, IReadOnlyList<(string Id, int Line, int Column)> Supersedes, IReadOnlyList<(string Id, int Line, int Column)> Against, string Source, int Line, int Column)
    {
        /// <summary>The rule's tags with where each was written.</summary>
        public IReadOnlyList<(string Id, int Line, int Column)> TagsAt { get; init; } = [];
    }

    /// <summary>What could be read of a rule that had errors.</summary>
    internal sealed record IncompleteRule(string? Id, string? Option, IReadOnlyList<(string Id, int Line, int Column)> Evidence, string Source)
    {
        /// <summary>The tags that could be read (so a reference to them is not a second error).</summary>
        public IReadOnlyList<string> Tags { get; init; } = [];
    }

    /// <summary>A named condition as declared under a rule file's <c>conditions:</c>, read once on first use.</summary>
    private sealed class NamedCondition(NodeContext ctx, YamlScalar key, YamlNode node)
    {
        public NodeContext Context { get; } = ctx;

        public YamlScalar Key { get; } = key;

        public YamlNode Node { get; } = node;

        public Condition? Value { get; set; }

        public bool Read { get; set; }

        public bool Reading { get; set; }

        public bool Used { get; set; }
    }

    /// <summary>The named conditions of the whole rule set (any rule file may declare them), by name.</summary>
    private readonly Dictionary<string, NamedCondition> named = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the rule files: first every file's <c>conditions:</c> (named conditions, shared by the whole rule
    /// set), then every rule, whose <c>condition: name</c> references are expanded in place at load (a
    /// named condition is read once; a cycle, an unknown or a duplicate name is an error with file:line:column;
    /// a name no rule uses is a warning).
    /// </summary>
    public List<RawRule> ReadRules(IReadOnlyList<(string Name, string Text)> files)
    {
        var roots = new List<(NodeContext Ctx, YamlNode Root)>();
        foreach (var (source, text) in files)
        {
            var ctx = Context(source);
            var root = YamlReader.Read(text, source, limits, ctx.Findings);
            if (root is null)
            {
                findings.AddRange(ctx.Findings);
                continue;
            }

            roots.Add((ctx, root));
            if (root is YamlMapping map && map.Entries.Find(e => e.Key.Value == "conditions") is { Key: not null } entry)
            {
                DeclareConditions(ctx, entry.Value, "conditions");
            }
        }

        var result = new List<RawRule>();
        foreach (var (ctx, root) in roots)
        {
            ctx.Mapping(root, string.Empty, new Dictionary<string, Action<YamlNode, string>>
            {
                ["conditions"] = (_, _) => { },
                ["rules"] = (n, p) => ctx.List(n, p, (item, ip) =>
                {
                    var r = ReadRule(ctx, item, ip, ctx.Source);
                    if (r is not null)
                    {
                        result.Add(r);
                    }

                    return r;
                }),
                ["schedules"] = (n, p) => ctx.List(n, p, (item, ip) =>
                {
                    var t = ReadTable(ctx, item, ip, ctx.Source);
                    if (t is not null)
                    {
                        RawTables.Add(t);
                    }

                    return t;
                }),
                ["treatments"] = (n, p) => ctx.List(n, p, (item, ip) =>
                {
                    var t = ReadTreatment(ctx, item, ip, ctx.Source);
                    if (t is not null)
                    {
                        RawTreatments.Add(t);
                    }

                    return t;
                }),
            });
        }

        foreach (var (name, c) in named.Where(n => !n.Value.Used).OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            // Read it anyway, so a mistake in an unused condition is still reported.
            Resolve(name);
            c.Context.Findings.Add(new Finding(Severity.Warning, $"the named condition '{name}' is not used by any rule", c.Context.Source, c.Key.Line, c.Key.Column, NodeContext.Join("conditions", name)) { Code = FindingCodes.RuleSetWarning });
        }

        foreach (var (ctx, _) in roots)
        {
            findings.AddRange(ctx.Findings);
        }

        return result;
    }

    private void DeclareConditions(NodeContext ctx, YamlNode node, string path)
    {
        if (node is not YamlMapping map)
        {
            ctx.Error(node, path, $"'conditions' takes a mapping of names to conditions, found {node.Describe()}");
            return;
        }

        foreach (var (key, value) in map.Entries)
        {
            var p = NodeContext.Join(path, key.Value);
            if (!KebabId().IsMatch(key.Value))
            {
                ctx.Error(key, p, $"'{YamlReader.Truncate(key.Value)}' is not a kebab-case name (lower-case letters, digits and single hyphens, e.g. ici-naive-nsclc)");
                continue;
            }

            if (named.TryGetValue(key.Value, out var first))
            {
                ctx.Error(key, p, $"the named condition '{key.Value}' is already declared at {first.Context.Source}:{first.Key.Line}:{first.Key.Column}");
                continue;
            }

            named[key.Value] = new NamedCondition(ctx, key, value);
        }
    }

    /// <summary>The condition a name stands for, read on first use in its own file's context; null when it has errors or is part of a cycle.</summary>
    private Condition? Resolve(string name)
    {
        var c = named[name];
        if (!c.Read)
        {
            c.Reading = true;
            c.Value = ReadCondition(c.Context, c.Node, NodeContext.Join("conditions", name), topLevel: false);
            c.Reading = false;
            c.Read = true;
        }

        return c.Value;
    }

    /// <summary><c>condition: name</c>: the named condition, expanded in place.</summary>
    private Condition? ReadNamedReference(NodeContext ctx, YamlScalar key, YamlNode value, string path)
    {
        var name = ctx.String(value, path);
        if (name is null)
        {
            return null;
        }

        if (!named.TryGetValue(name, out var c))
        {
            var hint = NodeContext.Suggest(name, named.Keys);
            ctx.Error(value, path, $"unknown named condition '{YamlReader.Truncate(name)}'" + (hint is null ? "." : $"; did you mean '{hint}'?")
                + (named.Count == 0 ? " No rule file declares 'conditions'." : $" Declared: {string.Join(", ", named.Keys.Order(StringComparer.Ordinal))}"));
            return null;
        }

        c.Used = true;
        if (c.Reading)
        {
            var cycle = named.Where(n => n.Value.Reading).Select(n => n.Key).Order(StringComparer.Ordinal);
            ctx.Error(value, path, $"the named condition '{name}' refers to itself (cycle through: {string.Join(", ", cycle)})");
            return null;
        }

        return Resolve(name);
    }

    private RawRule? ReadRule(NodeContext ctx, YamlNode node, string path, string source)
    {
        string? id = null, option = null, title = null, text = null;
        RuleKind? kind = null;
        int priority = 0;
        List<Dose> doses = [];
        List<(string, int, int)> evidence = [], supersedes = [], against = [], tags = [];
        Condition? when = null;
        var before = ctx.Findings.Count;
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["id"] = (v, p) => id = Id(ctx, v, p),
            ["kind"] = (v, p) => kind = ctx.Enum<RuleKind>(v, p),
            ["option"] = (v, p) => option = Id(ctx, v, p),
            ["title"] = (v, p) => title = ctx.String(v, p),
            ["text"] = (v, p) => text = ctx.String(v, p)?.Trim(),
            ["dose"] = (v, p) => doses = v is YamlSequence ? ctx.List(v, p, (d, dp) => ReadDose(ctx, d, dp)) : [.. new[] { ReadDose(ctx, v, p) }.OfType<Dose>()],
            ["priority"] = (v, p) => priority = ctx.Int(v, p) ?? 0,
            ["supersedes"] = (v, p) => supersedes = ctx.List(v, p, (s, sp) => Ref(ctx, s, sp)).OfType<(string, int, int)>().ToList(),
            ["evidence"] = (v, p) => evidence = ctx.List(v, p, (s, sp) => Ref(ctx, s, sp)).OfType<(string, int, int)>().ToList(),
            ["against"] = (v, p) => against = ctx.List(v, p, (s, sp) => Ref(ctx, s, sp)).OfType<(string, int, int)>().ToList(),
            ["tags"] = (v, p) => tags = ReadTags(ctx, v, p),
            ["when"] = (v, p) => when = ReadCondition(ctx, v, p, topLevel: true),
        }, "id", "kind", "option", "title", "text", "evidence", "when");

        if (evidence.Count == 0 && ctx.Findings.Count == before)
        {
            ctx.Error(node, NodeContext.Join(path, "evidence"), "a rule needs at least one citation id in evidence");
        }

        if (against.Count > 0 && kind == RuleKind.Option && ctx.Findings.Count == before)
        {
            ctx.Error(node, NodeContext.Join(path, "against"), "'against' is for cautions: an option cannot weigh against another option");
        }

        if (ctx.Findings.Count != before || id is null || kind is null || option is null || title is null || text is null || when is null)
        {
            Incomplete.Add(new IncompleteRule(id, option, evidence, source) { Tags = [.. tags.Select(t => t.Item1)] });
            return null;
        }

        var rule = new Rule
        {
            Id = id,
            Kind = kind.Value,
            Option = option,
            Title = title,
            Text = text,
            Doses = doses,
            Priority = priority,
            Supersedes = [.. supersedes.Select(s => s.Item1)],
            Against = [.. against.Select(a => a.Item1)],
            Tags = [.. tags.Select(t => t.Item1)],
            Evidence = [],
            SourceFile = source,
            SourceLine = node.Line,
            When = when,
        };
        return new RawRule(rule, evidence, supersedes, against, source, node.Line, node.Column) { TagsAt = tags };
    }

    /// <summary><c>tags: [a, b]</c>: kebab-case words, each once.</summary>
    private static List<(string, int, int)> ReadTags(NodeContext ctx, YamlNode node, string path)
    {
        var tags = new List<(string, int, int)>();
        ctx.List(node, path, (item, ip) =>
        {
            if (Tag(ctx, item, ip) is not { } tag)
            {
                return (object?)null;
            }

            if (tags.Exists(t => t.Item1 == tag))
            {
                ctx.Error(item, ip, $"the tag '{tag}' is listed twice");
                return null;
            }

            tags.Add((tag, item.Line, item.Column));
            return tag;
        });
        return tags;
    }

    private static (string, int, int)? Ref(NodeContext ctx, YamlNode node, string path)
    {
        var s = Id(ctx, node, path);
        return s is null ? null : (s, node.Line, node.Column);
    }

    private static Dose? ReadDose(NodeContext ctx, YamlNode node, string path)
    {
        decimal? total = null;
        int? fractions = null;
        string? target = null;
        var before = ctx.Findings.Count;
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["totalGy"] = (v, p) =>
            {
                total = ctx.Decimal(v, p);
                if (total is <= 0 or > 200)
                {
                    ctx.Error(v, p, "totalGy must be more than 0 and at most 200");
                }
            },
            ["fractions"] = (v, p) =>
            {
                fractions = ctx.Int(v, p);
                if (fractions is < 1 or > 100)
                {
                    ctx.Error(v, p, "fractions must be between 1 and 100");
                }
            },
            ["target"] = (v, p) => target = ctx.String(v, p),
        }, "totalGy", "fractions");
        return ctx.Findings.Count != before || total is null || fractions is null ? null : new Dose(total.Value, fractions.Value, target);
    }

    private static readonly string[] ConditionKeys = ["all", "any", "not", "fact", "anyLesion", "allLesions", "countLesions", "anyTherapy", "allTherapies", "countTherapies", "condition", "suggested"];

    /// <summary>What a quantifier ranges over: its item name (in messages) and the fields its <c>where</c> may test.</summary>
    private sealed record Items(string Noun, IReadOnlyDictionary<string, FactDefinition> Fields);

    private static readonly Items LesionItems = new("lesion", FactCatalog.LesionByName);
    private static readonly Items TherapyItems = new("therapy", FactCatalog.TherapyByName);
    private static readonly string[] OperatorKeys = ["equals", "in", "notIn", "min", "max", "exists"];

    private Condition? ReadCondition(NodeContext ctx, YamlNode node, string path, bool topLevel)
    {
        if (node is YamlSequence seq)
        {
            var items = ReadConditionList(ctx, seq, path, topLevel);
            return items is null ? null : new AllCondition(items, node.Line, node.Column);
        }

        if (node is not YamlMapping map || map.Entries.Count == 0)
        {
            ctx.Error(node, path, $"expected a condition (a mapping with one of: {string.Join(", ", ConditionKeys)}), found {node.Describe()}");
            return null;
        }

        var first = map.Entries[0].Key.Value;
        if (first == "fact" || map.Entries.Exists(e => e.Key.Value == "fact"))
        {
            return ReadFactCondition(ctx, map, path, FactCatalog.ByName, "fact");
        }

        if (map.Entries.Count != 1)
        {
            var extra = map.Entries[1].Key;
            ctx.Error(extra, NodeContext.Join(path, extra.Value), $"a condition has exactly one key ({string.Join(", ", ConditionKeys)}); found '{YamlReader.Truncate(first)}' and '{YamlReader.Truncate(extra.Value)}'");
            return null;
        }

        var (key, value) = (map.Entries[0].Key, map.Entries[0].Value);
        var childPath = NodeContext.Join(path, key.Value);
        switch (key.Value)
        {
            case "all":
            case "any":
                {
                    if (value is not YamlSequence list || list.Items.Count == 0)
                    {
                        ctx.Error(value, childPath, $"'{key.Value}' takes a non-empty list of conditions");
                        return null;
                    }

                    var items = ReadConditionList(ctx, list, childPath, topLevel && key.Value == "all");
                    return items is null ? null
                        : key.Value == "all" ? new AllCondition(items, key.Line, key.Column) : new AnyCondition(items, key.Line, key.Column);
                }

            case "not":
                {
                    var inner = ReadCondition(ctx, value, childPath, topLevel: false);
                    return inner is null ? null : new NotCondition(inner, key.Line, key.Column);
                }

            case "anyLesion":
            case "allLesions":
                {
                    var where = ReadWhere(ctx, value, childPath, LesionItems);
                    return where is null ? null
                        : new LesionCondition(key.Value == "anyLesion" ? LesionQuantifier.Any : LesionQuantifier.All, where, null, null, key.Line, key.Column);
                }

            case "countLesions":
                return ReadCount(ctx, key, value, childPath, LesionItems) is { } lc ? new LesionCondition(LesionQuantifier.Count, lc.Where, lc.Min, lc.Max, key.Line, key.Column) : null;

            case "anyTherapy":
            case "allTherapies":
                {
                    var where = ReadWhere(ctx, value, childPath, TherapyItems);
                    return where is null ? null
                        : new TherapyCondition(key.Value == "anyTherapy" ? LesionQuantifier.Any : LesionQuantifier.All, where, null, null, key.Line, key.Column);
                }

            case "countTherapies":
                return ReadCount(ctx, key, value, childPath, TherapyItems) is { } tc ? new TherapyCondition(LesionQuantifier.Count, tc.Where, tc.Min, tc.Max, key.Line, key.Column) : null;

            case "condition":
                return ReadNamedReference(ctx, key, value, childPath);

            case "suggested":
                {
                    var chained = ReadSuggested(ctx, value, childPath);
                    if (chained is null)
                    {
                        return null;
                    }

                    if (!topLevel)
                    {
                        ctx.Error(key, childPath, "'suggested' may only stand at the top of 'when' or directly in its top-level 'all' (it chains on another rule's suggestion)");
                        return null;
                    }

                    return new SuggestedCondition(chained.Value.Options, chained.Value.Tag, key.Line, key.Column) { At = chained.Value.At };
                }

            default:
                {
                    var hint = NodeContext.Suggest(key.Value, ConditionKeys.Concat(OperatorKeys));
                    ctx.Error(key, childPath, $"unknown condition '{YamlReader.Truncate(key.Value)}'" + (hint is null ? "." : $"; did you mean '{hint}'?") + $" Expected one of: {string.Join(", ", ConditionKeys)}");
                    return null;
                }
        }
    }

    /// <summary>
    /// The value of <c>suggested</c>: an option code, a non-empty list of option codes (any of them), or
    /// <c>{ tag: t }</c> (any rule carrying the tag; its options are filled in when the whole set is read).
    /// </summary>
    private static (IReadOnlyList<string> Options, string? Tag, IReadOnlyList<(int Line, int Column)> At)? ReadSuggested(NodeContext ctx, YamlNode value, string path)
    {
        switch (value)
        {
            case YamlSequence list:
                {
                    if (list.Items.Count == 0)
                    {
                        ctx.Error(value, path, "'suggested' takes an option code, a non-empty list of option codes, or { tag: name }");
                        return null;
                    }

                    var before = ctx.Findings.Count;
                    var options = new List<string>();
                    var at = new List<(int, int)>();
                    for (var i = 0; i < list.Items.Count; i++)
                    {
                        var item = list.Items[i];
                        var ip = $"{path}[{i}]";
                        if (Id(ctx, item, ip) is not { } option)
                        {
                            continue;
                        }

                        if (options.Contains(option, StringComparer.Ordinal))
                        {
                            ctx.Error(item, ip, $"the option '{option}' is listed twice");
                            continue;
                        }

                        options.Add(option);
                        at.Add((item.Line, item.Column));
                    }

                    return ctx.Findings.Count != before ? null : (options, null, at);
                }

            case YamlMapping map:
                {
                    string? tag = null;
                    var before = ctx.Findings.Count;
                    ctx.Mapping(map, path, new Dictionary<string, Action<YamlNode, string>>
                    {
                        ["tag"] = (v, p) => tag = Tag(ctx, v, p),
                    }, "tag");
                    var tagNode = map.Entries.Find(e => e.Key.Value == "tag").Value;
                    return ctx.Findings.Count != before || tag is null || tagNode is null ? null : ([], tag, [(tagNode.Line, tagNode.Column)]);
                }

            default:
                {
                    var option = Id(ctx, value, path);
                    return option is null ? null : ([option], null, [(value.Line, value.Column)]);
                }
        }
    }

    /// <summary>A rule tag: a kebab-case word or phrase (e.g. local-therapy-metastases).</summary>
    private static string? Tag(NodeContext ctx, YamlNode node, string path)
    {
        var s = ctx.String(node, path);
        if (s is not null && !KebabId().IsMatch(s))
        {
            ctx.Error(node, path, $"'{YamlReader.Truncate(s)}' is not a kebab-case tag (lower-case letters, digits and single hyphens, e.g. local-therapy-metastases)");
            return null;
        }

        return s;
    }

    private List<Condition>? ReadConditionList(NodeContext ctx, YamlSequence list, string path, bool topLevel)
    {
        var ok = true;
        var items = new List<Condition>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var c = ReadCondition(ctx, list.Items[i], $"{path}[{i}]", topLevel);
            if (c is null)
            {
                ok = false;
            }
            else
            {
                items.Add(c);
            }
        }

        return ok ? items : null;
    }

    /// <summary>Reads <c>countLesions</c> or <c>countTherapies</c>: <c>where</c> (optional), <c>min</c> and/or <c>max</c>.</summary>
    private static (List<FactCondition> Where, int? Min, int? Max)? ReadCount(NodeContext ctx, YamlScalar key, YamlNode value, string path, Items items)
    {
        List<FactCondition>? where = [];
        int? min = null, max = null;
        var before = ctx.Findings.Count;
        ctx.Mapping(value, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["where"] = (v, p) => where = ReadWhere(ctx, v, p, items),
            ["min"] = (v, p) => min = ctx.Int(v, p),
            ["max"] = (v, p) => max = ctx.Int(v, p),
        });
        if (ctx.Findings.Count == before && min is null && max is null)
        {
            ctx.Error(value, path, $"{key.Value} needs min, max or both");
        }

        if (min is < 0 || max is < 0 || (min is not null && max is not null && min > max))
        {
            ctx.Error(value, path, string.Create(CultureInfo.InvariantCulture, $"{key.Value} range is empty or negative (min {min}, max {max})"));
        }

        return ctx.Findings.Count != before || where is null ? null : (where, min, max);
    }

    /// <summary>
    /// A quantifier's <c>where</c>: a mapping of item fields to a value (equals), a list (in) or, for a
    /// number, <c>{min: a, max: b}</c> (a range, both ends inclusive).
    /// </summary>
    private static List<FactCondition>? ReadWhere(NodeContext ctx, YamlNode node, string path, Items items)
    {
        var fieldList = string.Join(", ", items.Fields.Keys.Order(StringComparer.Ordinal));
        if (node is not YamlMapping map)
        {
            ctx.Error(node, path, $"expected {items.Noun} fields ({fieldList}) with values, found {node.Describe()}");
            return null;
        }

        var ok = true;
        var result = new List<FactCondition>();
        foreach (var (key, value) in map.Entries)
        {
            var p = NodeContext.Join(path, key.Value);
            if (!items.Fields.TryGetValue(key.Value, out var field))
            {
                var hint = NodeContext.Suggest(key.Value, items.Fields.Keys);
                ctx.Error(key, p, $"unknown {items.Noun} field '{YamlReader.Truncate(key.Value)}'" + (hint is null ? "." : $"; did you mean '{hint}'?") + $" {char.ToUpperInvariant(items.Noun[0])}{items.Noun[1..]} fields: {fieldList}");
                ok = false;
                continue;
            }

            if (value is YamlMapping range)
            {
                if (ReadRange(ctx, field, key, range, p) is { } r)
                {
                    result.Add(r);
                }
                else
                {
                    ok = false;
                }

                continue;
            }

            if (value is YamlSequence seq)
            {
                var values = seq.Items.Select((v, i) => ParseValue(ctx, field, v, $"{p}[{i}]", InLesionList)).ToList();
                if (values.Contains(null) || values.Count == 0)
                {
                    if (values.Count == 0)
                    {
                        ctx.Error(value, p, $"'{key.Value}' takes a value or a non-empty list of values");
                    }

                    ok = false;
                    continue;
                }

                result.Add(new FactCondition(field, FactOperator.In, values!, null, null, false, key.Line, key.Column));
            }
            else
            {
                var v = ParseValue(ctx, field, value, p, InLesionWhere);
                if (v is null)
                {
                    ok = false;
                    continue;
                }

                result.Add(new FactCondition(field, FactOperator.Equals, [v], null, null, false, key.Line, key.Column));
            }
        }

        return ok ? result : null;
    }

    /// <summary>A numeric item field's <c>{min: a, max: b}</c> inside a quantifier's <c>where</c>.</summary>
    private static FactCondition? ReadRange(NodeContext ctx, FactDefinition field, YamlScalar key, YamlMapping range, string path)
    {
        if (field.Type is not (FactType.Integer or FactType.Number))
        {
            ctx.Error(range, path, $"a range {{min, max}} applies to numbers; {field.Name} is {Describe(field)}");
            return null;
        }

        var before = ctx.Findings.Count;
        decimal? min = null, max = null;
        decimal? Bound(YamlNode v, string p)
        {
            if (v is YamlScalar { IsNull: true })
            {
                ctx.Error(v, p, "a range bound needs a number; found null");
                return null;
            }

            return field.Type == FactType.Integer ? ctx.Int(v, p) : ctx.Decimal(v, p);
        }

        ctx.Mapping(range, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["min"] = (v, p) => min = Bound(v, p),
            ["max"] = (v, p) => max = Bound(v, p),
        });
        if (ctx.Findings.Count == before && min is null && max is null)
        {
            ctx.Error(range, path, $"the range on {field.Name} needs min, max or both");
        }

        if (min is not null && max is not null && min > max)
        {
            ctx.Error(range, path, $"min {Format(min.Value)} is greater than max {Format(max.Value)}: the condition can never hold");
        }

        return ctx.Findings.Count != before ? null : new FactCondition(field, FactOperator.Range, [], min, max, false, key.Line, key.Column);
    }

    private static FactCondition? ReadFactCondition(NodeContext ctx, YamlMapping map, string path, IReadOnlyDictionary<string, FactDefinition> catalog, string keyName)
    {
        var factEntry = map.Entries.Find(e => e.Key.Value == keyName);
        var name = ctx.String(factEntry.Value, NodeContext.Join(path, keyName));
        if (name is null)
        {
            return null;
        }

        if (!catalog.TryGetValue(name, out var fact))
        {
            var hint = NodeContext.Suggest(name, catalog.Keys);
            ctx.Error(factEntry.Value, NodeContext.Join(path, keyName), $"unknown fact '{YamlReader.Truncate(name)}'" + (hint is null ? "." : $"; did you mean '{hint}'?") + " Run 'oligodecide facts' for the list.");
            return null;
        }

        var before = ctx.Findings.Count;
        FactOperator? op = null;
        List<object> values = [];
        decimal? min = null, max = null;
        var exists = false;
        foreach (var (key, value) in map.Entries)
        {
            var p = NodeContext.Join(path, key.Value);
            switch (key.Value)
            {
                case "fact":
                    continue;
                case "equals":
                    op = SetOp(ctx, key, p, op, FactOperator.Equals);
                    if (ParseValue(ctx, fact, value, p, InEquals) is { } v)
                    {
                        values.Add(v);
                    }

                    break;
                case "in":
                case "notIn":
                    op = SetOp(ctx, key, p, op, key.Value == "in" ? FactOperator.In : FactOperator.NotIn);
                    if (value is not YamlSequence seq || seq.Items.Count == 0)
                    {
                        ctx.Error(value, p, $"'{key.Value}' takes a non-empty list of values");
                        break;
                    }

                    for (var i = 0; i < seq.Items.Count; i++)
                    {
                        if (ParseValue(ctx, fact, seq.Items[i], $"{p}[{i}]", InList) is { } item)
                        {
                            values.Add(item);
                        }
                    }

                    break;
                case "min":
                case "max":
                    if (op is not null and not FactOperator.Range)
                    {
                        op = SetOp(ctx, key, p, op, FactOperator.Range);
                    }

                    op = FactOperator.Range;
                    if (fact.Type is not (FactType.Integer or FactType.Number))
                    {
                        ctx.Error(key, p, $"'{key.Value}' applies to numbers; {fact.Name} is {Describe(fact)}");
                        break;
                    }

                    if (value is YamlScalar { IsNull: true })
                    {
                        ctx.Error(value, p, $"'{key.Value}' needs a number; found null");
                        break;
                    }

                    var bound = fact.Type == FactType.Integer ? ctx.Int(value, p) : ctx.Decimal(value, p);
                    if (key.Value == "min")
                    {
                        min = bound;
                    }
                    else
                    {
                        max = bound;
                    }

                    break;
                case "exists":
                    op = SetOp(ctx, key, p, op, FactOperator.Exists);
                    if (value is YamlScalar { IsNull: true })
                    {
                        ctx.Error(value, p, "'exists' needs true or false; found null");
                        break;
                    }

                    exists = ctx.Bool(value, p) ?? false;
                    break;
                default:
                    {
                        var hint = NodeContext.Suggest(key.Value, OperatorKeys);
                        ctx.Error(key, p, $"unknown operator '{YamlReader.Truncate(key.Value)}'" + (hint is null ? "." : $"; did you mean '{hint}'?") + $" Operators: {string.Join(", ", OperatorKeys)}");
                        break;
                    }
            }
        }

        if (op is null && ctx.Findings.Count == before)
        {
            ctx.Error(map, path, $"the condition on {fact.Name} has no operator ({string.Join(", ", OperatorKeys)})");
        }

        if (min is not null && max is not null && min > max)
        {
            ctx.Error(map, path, string.Create(CultureInfo.InvariantCulture, $"min {min} is greater than max {max}: the condition can never hold"));
        }

        return ctx.Findings.Count != before || op is null
            ? null
            : new FactCondition(fact, op.Value, values, min, max, exists, map.Line, map.Column);
    }

    private static FactOperator SetOp(NodeContext ctx, YamlScalar key, string path, FactOperator? current, FactOperator next)
    {
        if (current is not null && current != next)
        {
            ctx.Error(key, path, "a fact condition takes one operator (or min and max together); split it into an 'all' of two conditions");
        }

        return next;
    }

    private static string Describe(FactDefinition f) => f.Type switch
    {
        FactType.Boolean => "true/false",
        FactType.Integer => "a whole number",
        FactType.Number => "a number",
        FactType.EnumerationSet => "a set tested with one or more of: " + string.Join(", ", f.AllowedValues),
        _ => "one of: " + string.Join(", ", f.AllowedValues),
    };

    // What is supported where a single value is expected, said when a mapping or list stands there instead.
    private const string InEquals = "'equals' takes one value; for a range write min and/or max beside fact (e.g. fact: ecog, max: 1), for several values use 'in' with a list";
    private const string InList = "each item of the list is one value";
    private const string InLesionWhere = "a field in a where takes one value, a list of values (any of them) or, for a number, a range {min, max}";
    private const string InLesionList = "each item of the list is one value; a range is written as the field's value ({min: a, max: b}), not inside a list";

    private static object? ParseValue(NodeContext ctx, FactDefinition fact, YamlNode node, string path, string supported)
    {
        if (node is YamlScalar { IsNull: true })
        {
            // Without this a null read as "no value" with no error, and the rule failed later in the NRules compiler.
            ctx.Error(node, path, $"expected a value for {fact.Name}: {Describe(fact)}; null is not a value (to test that a fact is unknown, use exists: false)");
            return null;
        }

        if (node is not YamlScalar)
        {
            // "expected a number, found a mapping" left the author guessing what the place takes.
            ctx.Error(node, path, $"expected a value for {fact.Name} ({Describe(fact)}), found {node.Describe()}: {supported}", FindingCodes.WrongType);
            return null;
        }

        switch (fact.Type)
        {
            case FactType.Boolean:
                return ctx.Bool(node, path);
            case FactType.Integer:
                return ctx.Int(node, path);
            case FactType.Number:
                return ctx.Decimal(node, path);
            default:
                {
                    var s = ctx.String(node, path);
                    if (s is null)
                    {
                        ctx.Error(node, path, $"expected a value for {fact.Name}: {Describe(fact)}");
                        return null;
                    }

                    if (fact.AllowedValues.Contains(s))
                    {
                        return s;
                    }

                    var hint = NodeContext.Suggest(s, fact.AllowedValues);
                    ctx.Error(node, path, $"'{YamlReader.Truncate(s)}' is not a value of {fact.Name}" + (hint is null ? "." : $"; did you mean '{hint}'?") + $" Allowed: {string.Join(", ", fact.AllowedValues)}");
                    return null;
                }
        }
    }

    private static string? Id(NodeContext ctx, YamlNode node, string path)
    {
        var s = ctx.String(node, path);
        if (s is not null && !KebabId().IsMatch(s))
        {
            ctx.Error(node, path, $"'{YamlReader.Truncate(s)}' is not a kebab-case id (lower-case letters, digits and single hyphens, e.g. sabr-all-metastases)");
            return null;
        }

        return s;
    }

    private NodeContext Context(string source) => new(source);

    public void Error(string source, int line, int column, string path, string message) =>
        findings.Add(new Finding(Severity.Error, message, source, line, column, path) { Code = FindingCodes.RuleSetError });

    public void Warning(string source, int line, int column, string path, string message) =>
        findings.Add(new Finding(Severity.Warning, message, source, line, column, path) { Code = FindingCodes.RuleSetWarning });

    internal static string Format(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabId();

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$")]
    private static partial Regex DoiPattern();

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();
}
