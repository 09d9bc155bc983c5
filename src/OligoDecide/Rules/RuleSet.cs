using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using OligoDecide.Documents;
using OligoDecide.Evidence;

namespace OligoDecide.Rules;

/// <summary>
/// A validated, immutable rule set: identity, rules and evidence catalogue. Loads whole or not at
/// all: <see cref="Load(string, RuleSetLimits?)"/> returns every error of the load together and no rule set when any exists.
/// </summary>
public sealed partial class RuleSet
{
    private const string ResourcePrefix = "OligoDecide.Rules.";

    private RuleSet(RuleSetInfo info, IReadOnlyList<Rule> rules, IReadOnlyList<Citation> citations)
    {
        Info = info;
        Rules = rules;
        Citations = citations;
    }

    /// <summary>Id, version, title and content hash.</summary>
    public RuleSetInfo Info { get; }

    /// <summary>The dose schedule tables and the options that carry them (<c>schedules:</c> and <c>treatments:</c> in rule files).</summary>
    internal DoseScheduleSet Schedules { get; private init; } = DoseScheduleSet.Empty;

    /// <summary>The rules, ordered by priority (highest first) then id.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>The evidence catalogue, ordered by id.</summary>
    public IReadOnlyList<Citation> Citations { get; }

    /// <summary>Loads the default rule set embedded in the OligoDecide assembly.</summary>
    public static RuleSet LoadDefault() => LoadDefaultWithFindings().GetOrThrow();

    /// <summary>Loads the embedded default rule set with its findings (warnings included), as <c>lint</c> shows them.</summary>
    public static RuleSetLoadResult LoadDefaultWithFindings()
    {
        var assembly = typeof(RuleSet).Assembly;
        var files = new List<(string Name, string Text)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            files.Add((name[ResourcePrefix.Length..], reader.ReadToEnd()));
        }

        return FromFiles(files, RuleSetLimits.Default);
    }

    /// <summary>Loads a rule set folder: <c>ruleset.yaml</c>, <c>citations.yaml</c> and any number of rule files (<c>*.yaml</c>).</summary>
    public static RuleSetLoadResult Load(string directory, RuleSetLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        limits ??= RuleSetLimits.Default;
        if (!Directory.Exists(directory))
        {
            return Failed(directory, "the rule set folder does not exist");
        }

        var paths = Directory.EnumerateFiles(directory)
            .Where(p => p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (paths.Count > limits.MaxFiles)
        {
            return Failed(directory, string.Create(CultureInfo.InvariantCulture, $"the folder has {paths.Count} YAML files; the limit is {limits.MaxFiles}"));
        }

        var files = new List<(string Name, string Text)>();
        var errors = new List<Finding>();
        long total = 0;
        foreach (var path in paths)
        {
            var name = Path.GetFileName(path);
            var size = new FileInfo(path).Length;
            total += size;
            if (size > limits.Document.MaxBytes)
            {
                errors.Add(new(Severity.Error, string.Create(CultureInfo.InvariantCulture, $"the file is {size:N0} bytes; the limit is {limits.Document.MaxBytes:N0} bytes"), name, 0, 0, string.Empty) { Code = FindingCodes.DocumentTooLarge });
                continue;
            }

            if (total > limits.MaxTotalBytes)
            {
                errors.Add(new(Severity.Error, string.Create(CultureInfo.InvariantCulture, $"the rule set is larger than {limits.MaxTotalBytes:N0} bytes in total"), name, 0, 0, string.Empty) { Code = FindingCodes.DocumentTooLarge });
                break;
            }

            try
            {
                files.Add((name, File.ReadAllText(path, new UTF8Encoding(false, true))));
            }
            catch (DecoderFallbackException)
            {
                errors.Add(new(Severity.Error, "the file is not valid UTF-8 text", name, 0, 0, string.Empty) { Code = FindingCodes.FileUnreadable });
            }
        }

        return errors.Count > 0 ? new RuleSetLoadResult(null, errors) : FromFiles(files, limits);
    }

    /// <summary>The SHA-256 over the canonical content: files sorted by name, each as name, LF, content with LF line ends.</summary>
    internal static string Hash(IEnumerable<(string Name, string Text)> files)
    {
        var sb = new StringBuilder();
        foreach (var (name, text) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            sb.Append(name).Append('\n').Append(text.Replace("\r\n", "\n", StringComparison.Ordinal)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static RuleSetLoadResult Failed(string source, string message) =>
        new(null, [new Finding(Severity.Error, message, source, 0, 0, string.Empty) { Code = FindingCodes.FileUnreadable }]);

    internal static RuleSetLoadResult FromFiles(IReadOnlyList<(string Name, string Text)> files, RuleSetLimits limits)
    {
        var reader = new RuleSetReader(limits.Document);
        var manifest = files.FirstOrDefault(f => f.Name is "ruleset.yaml" or "ruleset.yml");
        var catalogue = files.FirstOrDefault(f => f.Name is "citations.yaml" or "citations.yml");
        if (manifest.Name is null)
        {
            reader.Error("ruleset.yaml", 0, 0, string.Empty, "the rule set has no ruleset.yaml (id, version, title)");
        }

        if (catalogue.Name is null)
        {
            reader.Error("citations.yaml", 0, 0, string.Empty, "the rule set has no citations.yaml (the evidence catalogue)");
        }

        var (id, version, title) = manifest.Name is null ? (null, null, null) : reader.ReadManifest(manifest.Name, manifest.Text);
        var citations = catalogue.Name is null ? [] : reader.ReadCitations(catalogue.Name, catalogue.Text);
        var raw = reader.ReadRules([.. files.Where(f => f.Name != manifest.Name && f.Name != catalogue.Name)]);

        var rules = Resolve(reader, citations, raw);
        var schedules = reader.ResolveSchedules(
            citations.GroupBy(c => c.Citation.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Citation, StringComparer.Ordinal),
            rules.Where(r => r.Kind == RuleKind.Option).Select(r => r.Option).ToHashSet(StringComparer.Ordinal));
        if (reader.Findings.Any(f => f.Severity == Severity.Error) || id is null || version is null || title is null)
        {
            return new RuleSetLoadResult(null, Sorted(reader.Findings));
        }

        var info = new RuleSetInfo(id, version, title, Hash(files));
        var ordered = rules.OrderByDescending(r => r.Priority).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var catalogueOrdered = citations.Select(c => c.Citation).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        return new RuleSetLoadResult(new RuleSet(info, ordered, catalogueOrdered) { Schedules = schedules }, Sorted(reader.Findings));
    }

    private static List<Finding> Sorted(IEnumerable<Finding> findings) =>
        [.. findings.OrderBy(f => f.Severity).ThenBy(f => f.Source, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column)];

    /// <summary>
    /// Resolves <c>suggested: { tag: t }</c> to the options of the rules carrying <c>t</c> (in <paramref name="raw"/>
    /// and <paramref name="resolved"/>, so the cycle and can-never-fire checks see the options). An unknown tag is an
    /// error; so are rules giving one option with different tags, since "a rule tagged t fired" is read as "an
    /// option of a rule tagged t was suggested".
    /// </summary>
    private static void ResolveTags(RuleSetReader reader, List<RuleSetReader.RawRule> raw, List<Rule> resolved)
    {
        var optionsByTag = raw.SelectMany(r => r.Rule.Tags.Select(t => (Tag: t, r.Rule.Option)))
            .GroupBy(x => x.Tag, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(x => x.Option).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], StringComparer.Ordinal);
        var known = optionsByTag.Keys.Concat(reader.Incomplete.SelectMany(r => r.Tags)).ToHashSet(StringComparer.Ordinal);

        foreach (var group in raw.GroupBy(r => r.Rule.Option, StringComparer.Ordinal))
        {
            var first = group.First();
            foreach (var other in group.Skip(1).Where(o => !o.Rule.Tags.Order(StringComparer.Ordinal).SequenceEqual(first.Rule.Tags.Order(StringComparer.Ordinal), StringComparer.Ordinal)))
            {
                var (line, col) = other.TagsAt.Count > 0 ? (other.TagsAt[0].Line, other.TagsAt[0].Column) : (other.Line, other.Column);
                reader.Error(other.Source, line, col, $"{other.Rule.Id}.tags",
                    $"the rules giving the option '{group.Key}' must carry the same tags: {first.Rule.Id} has [{string.Join(", ", first.Rule.Tags)}], {other.Rule.Id} has [{string.Join(", ", other.Rule.Tags)}]");
            }
        }

        for (var i = 0; i < raw.Count; i++)
        {
            var r = raw[i];
            var rule = r.Rule;
            if (!ConditionTree.Suggested(rule.When).Any(s => s.Tag is not null))
            {
                continue;
            }

            var when = ConditionTree.MapSuggested(rule.When, s =>
            {
                if (s.Tag is null)
                {
                    return s;
                }

                if (optionsByTag.TryGetValue(s.Tag, out var tagged))
                {
                    return s with { Options = tagged };
                }

                if (!known.Contains(s.Tag))
                {
                    var (line, col) = s.At.Count > 0 ? s.At[0] : (s.Line, s.Column);
                    var hint = NodeContext.Suggest(s.Tag, known);
                    reader.Error(r.Source, line, col, $"{rule.Id}.when.suggested.tag", $"no rule carries the tag '{s.Tag}'" + (hint is null ? "." : $"; did you mean '{hint}'?")
                        + (known.Count == 0 ? " No rule has 'tags'." : $" Tags: {string.Join(", ", known.Order(StringComparer.Ordinal))}"));
                }

                return s;
            });
            raw[i] = r with { Rule = rule with { When = when } };
            var at = resolved.FindIndex(x => ReferenceEquals(x, rule) || x.Id == rule.Id && x.SourceFile == rule.SourceFile && x.SourceLine == rule.SourceLine);
            if (at >= 0)
            {
                resolved[at] = resolved[at] with { When = when };
            }
        }
    }

    private static List<Rule> Resolve(RuleSetReader reader, List<(Citation Citation, int Line, int Column, string Source)> citations, List<RuleSetReader.RawRule> raw)
    {
        var byId = new Dictionary<string, Citation>(StringComparer.Ordinal);
        var firstAt = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (c, line, col, source) in citations)
        {
            if (byId.TryAdd(c.Id, c))
            {
                firstAt[c.Id] = $"{source}:{line}:{col}";
            }
            else
            {
                reader.Error(source, line, col, "citations", $"the citation id '{c.Id}' is already used at {firstAt[c.Id]}");
            }
        }

        var ruleIds = new Dictionary<string, RuleSetReader.RawRule>(StringComparer.Ordinal);
        foreach (var r in raw)
        {
            if (!ruleIds.TryAdd(r.Rule.Id, r))
            {
                var first = ruleIds[r.Rule.Id];
                reader.Error(r.Source, r.Line, r.Column, "rules", $"the rule id '{r.Rule.Id}' is already used at {first.Source}:{first.Line}:{first.Column}");
            }
        }

        // A rule that had errors still names its id, option and citations: references to them are not errors.
        var options = raw.Select(r => r.Rule.Option).Concat(reader.Incomplete.Select(r => r.Option).OfType<string>()).ToHashSet(StringComparer.Ordinal);
        var known = ruleIds.Keys.Concat(reader.Incomplete.Select(r => r.Id).OfType<string>()).ToHashSet(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var broken in reader.Incomplete)
        {
            foreach (var (cid, line, col) in broken.Evidence)
            {
                if (byId.ContainsKey(cid))
                {
                    used.Add(cid);
                }
                else
                {
                    var hint = NodeContext.Suggest(cid, byId.Keys);
                    reader.Error(broken.Source, line, col, $"{broken.Id ?? "rules"}.evidence", $"unknown citation '{cid}'" + (hint is null ? string.Empty : $"; did you mean '{hint}'?"));
                }
            }
        }

        var resolved = new List<Rule>();
        foreach (var r in raw)
        {
            var evidence = new List<Citation>();
            foreach (var (cid, line, col) in r.Evidence)
            {
                if (byId.TryGetValue(cid, out var c))
                {
                    evidence.Add(c);
                    used.Add(cid);
                }
                else
                {
                    var hint = NodeContext.Suggest(cid, byId.Keys);
                    reader.Error(r.Source, line, col, $"{r.Rule.Id}.evidence", $"unknown citation '{cid}'" + (hint is null ? string.Empty : $"; did you mean '{hint}'?"));
                }
            }

            foreach (var (sid, line, col) in r.Supersedes)
            {
                if (!known.Contains(sid))
                {
                    var hint = NodeContext.Suggest(sid, known);
                    reader.Error(r.Source, line, col, $"{r.Rule.Id}.supersedes", $"unknown rule '{sid}'" + (hint is null ? string.Empty : $"; did you mean '{hint}'?"));
                }
                else if (sid == r.Rule.Id)
                {
                    reader.Error(r.Source, line, col, $"{r.Rule.Id}.supersedes", "a rule cannot supersede itself");
                }
            }

            foreach (var (option, line, col) in r.Against.Where(a => !options.Contains(a.Id)))
            {
                var hint = NodeContext.Suggest(option, options);
                reader.Error(r.Source, line, col, $"{r.Rule.Id}.against", $"no rule suggests the option '{option}'" + (hint is null ? "." : $"; did you mean '{hint}'?"));
            }

            foreach (var s in ConditionTree.Suggested(r.Rule.When).Where(s => s.Tag is null))
            {
                for (var i = 0; i < s.Options.Count; i++)
                {
                    if (!options.Contains(s.Options[i]))
                    {
                        var (line, col) = i < s.At.Count ? s.At[i] : (s.Line, s.Column);
                        var hint = NodeContext.Suggest(s.Options[i], options);
                        reader.Error(r.Source, line, col, $"{r.Rule.Id}.when.suggested", $"no rule suggests the option '{s.Options[i]}'" + (hint is null ? string.Empty : $"; did you mean '{hint}'?"));
                    }
                }
            }

            resolved.Add(r.Rule with { Evidence = evidence });
        }

        ResolveTags(reader, raw, resolved);

        used.UnionWith(reader.RawTables.SelectMany(t => t.RowEvidence).SelectMany(e => e).Select(e => e.Id));
        foreach (var (c, line, col, source) in citations.Where(c => !used.Contains(c.Citation.Id)))
        {
            reader.Warning(source, line, col, "citations", $"the citation '{c.Id}' is not used by any rule");
        }

        RuleAnalysis.CheckCycles(reader, raw);
        RuleAnalysis.CheckContradictions(reader, raw);
        return resolved;
    }
}

/// <summary>The outcome of loading a rule set: the set, or every finding that stopped it.</summary>
/// <param name="RuleSet">The rule set, or null when any error was found.</param>
/// <param name="Findings">Errors and warnings, errors first, by file, line and column.</param>
public sealed record RuleSetLoadResult(RuleSet? RuleSet, IReadOnlyList<Finding> Findings)
{
    /// <summary>True when the set loaded.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(RuleSet))]
    public bool IsValid => RuleSet is not null;

    /// <summary>The rule set, or an <see cref="InvalidDocumentException"/> listing every finding.</summary>
    public RuleSet GetOrThrow() => RuleSet ?? throw new InvalidDocumentException(Findings);
}

/// <summary>Bounds on a rule set folder.</summary>
public sealed record RuleSetLimits
{
    /// <summary>The defaults: 200 files, 16 MiB in total, and <see cref="DocumentLimits.Default"/> per file.</summary>
    public static RuleSetLimits Default { get; } = new();

    /// <summary>Most YAML files in the folder. Default 200.</summary>
    public int MaxFiles { get; init; } = 200;

    /// <summary>Most bytes over all files. Default 16 MiB.</summary>
    public long MaxTotalBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Per-file limits (size, depth, aliases, nodes).</summary>
    public DocumentLimits Document { get; init; } = DocumentLimits.Default;
}
