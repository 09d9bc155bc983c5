using System.Globalization;

namespace OligoDecide.Documents;

/// <summary>
/// Turns <see cref="YamlNode"/>s into typed values, collecting every problem as a <see cref="Finding"/>
/// with its path and position instead of stopping at the first, and remembering where each path
/// was written so later checks (validation) can point at the same line and column.
/// </summary>
internal sealed class NodeContext(string source, bool trackPositions = true)
{
    public string Source { get; } = source;

    /// <summary>Whether <see cref="Positions"/> is filled; only needed to place validation errors.</summary>
    public bool TrackPositions { get; } = trackPositions;

    public List<Finding> Findings { get; } = [];

    public Dictionary<string, (int Line, int Column)> Positions { get; } = new(StringComparer.Ordinal);

    public bool HasErrors => Findings.Exists(f => f.Severity == Severity.Error);

    public void Error(YamlNode? at, string path, string message, string code = FindingCodes.InvalidValue) =>
        Findings.Add(new(Severity.Error, message, Source, at?.Line ?? 0, at?.Column ?? 0, path) { Code = code });

    public void Warning(YamlNode? at, string path, string message) =>
        Findings.Add(new(Severity.Warning, message, Source, at?.Line ?? 0, at?.Column ?? 0, path) { Code = FindingCodes.Inconsistent });

    /// <summary>A path with a key appended; the key is escaped (<see cref="YamlReader.Escape"/>) as it may hold control characters.</summary>
    public static string Join(string path, string key) => path.Length == 0 ? YamlReader.Escape(key) : path + "." + YamlReader.Escape(key);

    /// <summary>
    /// Reads a mapping: each known key is handed to its reader; unknown keys are errors with a
    /// "did you mean" hint; keys in <paramref name="required"/> that are absent are errors.
    /// </summary>
    public void Mapping(YamlNode node, string path, IReadOnlyDictionary<string, Action<YamlNode, string>> readers, params string[] required)
    {
        var fields = new Dictionary<string, FieldReader<int>>(readers.Count, StringComparer.Ordinal);
        foreach (var (key, read) in readers)
        {
            fields[key] = (r, value, p, _) =>
            {
                read(value, p);
                return r;
            };
        }

        Record(node, path, fields, 0, required);
    }

    /// <summary>
    /// Reads a mapping into a record, one field per key, with the same checks as <see cref="Mapping"/>.
    /// The field readers are static tables: reading a document allocates no reader closures.
    /// </summary>
    public T Record<T>(YamlNode node, string path, IReadOnlyDictionary<string, FieldReader<T>> fields, T record, params string[] required)
    {
        if (TrackPositions)
        {
            Positions[path] = (node.Line, node.Column);
        }

        if (node is not YamlMapping map)
        {
            Error(node, path, $"expected a mapping of keys ({string.Join(", ", fields.Keys)}), found {node.Describe()}", FindingCodes.WrongType);
            return record;
        }

        foreach (var (key, value) in map.Entries)
        {
            var childPath = Join(path, key.Value);
            if (fields.TryGetValue(key.Value, out var read))
            {
                if (TrackPositions)
                {
                    Positions[childPath] = (value.Line, value.Column);
                }

                record = read(record, value, childPath, this);
            }
            else
            {
                var hint = Suggest(key.Value, fields.Keys);
                Error(key, childPath, $"unknown key '{YamlReader.Truncate(key.Value)}'" + (hint is null ? "." : $"; did you mean '{hint}'?") + $" Allowed keys: {string.Join(", ", fields.Keys)}", FindingCodes.UnknownKey);
            }
        }

        foreach (var name in required)
        {
            var entry = map.Entries.Find(e => e.Key.Value == name);
            if (entry.Key is null)
            {
                Error(node, Join(path, name), $"the required key '{name}' is missing", FindingCodes.RequiredKeyMissing);
            }
            else if (entry.Value is YamlScalar { IsNull: true })
            {
                // Readers return null for a null value without an error; for a required key that left
                // the document invalid with no finding at all.
                Error(entry.Value, Join(path, name), $"the required key '{name}' has no value", FindingCodes.RequiredKeyMissing);
            }
        }

        return record;
    }

    public List<T> List<T>(YamlNode node, string path, Func<YamlNode, string, T?> item) => List(node, path, (i, p, _) => item(i, p));

    public List<T> List<T>(YamlNode node, string path, Func<YamlNode, string, NodeContext, T?> item)
    {
        var result = new List<T>();
        if (node is not YamlSequence seq)
        {
            if (node is YamlScalar s && s.IsNull)
            {
                return result;
            }

            Error(node, path, $"expected a list, found {node.Describe()}", FindingCodes.WrongType);
            return result;
        }

        for (var i = 0; i < seq.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (TrackPositions)
            {
                Positions[itemPath] = (seq.Items[i].Line, seq.Items[i].Column);
            }

            if (seq.Items[i] is YamlScalar { IsNull: true } blank)
            {
                // A blank "- " item was dropped without a word; for a list of lesions that silently lowers the count.
                Error(blank, itemPath, "this list item is empty; remove the '-' line or give the item a value", FindingCodes.RequiredValue);
                continue;
            }

            var value = item(seq.Items[i], itemPath, this);
            if (value is not null)
            {
                result.Add(value);
            }
        }

        return result;
    }

    private YamlScalar? Scalar(YamlNode node, string path, string expected)
    {
        if (node is YamlScalar s)
        {
            return s.IsNull ? null : s;
        }

        Error(node, path, $"expected {expected}, found {node.Describe()}", FindingCodes.WrongType);
        return null;
    }

    public string? String(YamlNode node, string path) => Scalar(node, path, "text")?.Value;

    public int? Int(YamlNode node, string path)
    {
        var s = Scalar(node, path, "a whole number");
        if (s is null)
        {
            return null;
        }

        if (!s.Quoted && int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        Error(node, path, s.Quoted
            ? $"expected a whole number, found the quoted text \"{YamlReader.Truncate(s.Value)}\"; write numbers without quotes ({LastKey(path)}: {YamlReader.Truncate(s.Value)})"
            : $"expected a whole number, found '{YamlReader.Truncate(s.Value)}'", FindingCodes.WrongType);
        return null;
    }

    public decimal? Decimal(YamlNode node, string path)
    {
        var s = Scalar(node, path, "a number");
        if (s is null)
        {
            return null;
        }

        if (!s.Quoted && s.Value.Length <= 30 && decimal.TryParse(s.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        Error(node, path, s.Quoted
            ? $"expected a number, found the quoted text \"{YamlReader.Truncate(s.Value)}\"; write numbers without quotes ({LastKey(path)}: {YamlReader.Truncate(s.Value)})"
            : $"expected a number, found '{YamlReader.Truncate(s.Value)}'", FindingCodes.WrongType);
        return null;
    }

    public bool? Bool(YamlNode node, string path)
    {
        var s = Scalar(node, path, "true or false");
        if (s is null)
        {
            return null;
        }

        if (!s.Quoted && s.Value is "true" or "false")
        {
            return s.Value == "true";
        }

        Error(node, path, s.Quoted
            ? $"expected true or false, found the quoted text \"{YamlReader.Truncate(s.Value)}\"; write true or false without quotes ({LastKey(path)}: {YamlReader.Truncate(s.Value)})"
            : $"expected true or false, found '{YamlReader.Truncate(s.Value)}'", FindingCodes.WrongType);
        return null;
    }

    public DateOnly? Date(YamlNode node, string path)
    {
        var s = Scalar(node, path, "a date (yyyy-MM-dd)");
        if (s is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        var shaped = s.Value.Length == 10 && s.Value[4] == '-' && s.Value[7] == '-';
        Error(node, path, shaped
            ? $"'{YamlReader.Truncate(s.Value)}' is not a date that exists"
            : $"expected a date as yyyy-MM-dd, found '{YamlReader.Truncate(s.Value)}'", FindingCodes.InvalidDate);
        return null;
    }

    public T? Enum<T>(YamlNode node, string path)
        where T : struct, System.Enum
    {
        var allowed = KebabCase.AllNames<T>();

        // The expected-values text is built only for the error (it was built for every enum value read).
        var s = node is YamlScalar ? Scalar(node, path, string.Empty) : Scalar(node, path, "one of: " + string.Join(", ", allowed));
        if (s is null)
        {
            return null;
        }

        if (KebabCase.TryParse<T>(s.Value, out var v))
        {
            return v;
        }

        var hint = Suggest(s.Value, allowed);
        Error(node, path, $"unknown value '{YamlReader.Truncate(s.Value)}'" + (hint is null ? "." : $"; did you mean '{hint}'?") + $" Allowed: {string.Join(", ", allowed)}", FindingCodes.UnknownValue);
        return null;
    }

    private static string LastKey(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }

    /// <summary>The closest candidate by edit distance, if it is close enough to be a likely typo.</summary>
    public static string? Suggest(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Levenshtein(value.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, best.Length / 3) ? best : null;
    }

    private static int Levenshtein(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}

/// <summary>Reads one mapping value into a record being built: returns the record with that field set.</summary>
internal delegate T FieldReader<T>(T record, YamlNode value, string path, NodeContext ctx);
