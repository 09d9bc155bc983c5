using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OligoDecide.Documents;

/// <summary>
/// Reads one YAML (or JSON) document into a <see cref="YamlNode"/> tree with source positions,
/// enforcing <see cref="DocumentLimits"/> while it reads: size before parsing, depth, alias count
/// and expanded node count during parsing, so an alias bomb stops after a few dozen events.
/// Duplicate keys, non-scalar keys, tags and multiple documents are errors.
/// </summary>
internal static class YamlReader
{
    public static YamlNode? Read(string text, string source, DocumentLimits limits, List<Finding> findings)
    {
        // A byte order mark opening the stream is allowed by YAML 1.2 (5.2) and is what Windows tools write:
        // skip it, so an NDJSON line and a case file that start with one read alike.
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > limits.MaxBytes)
        {
            findings.Add(Error(source, 0, 0, string.Create(CultureInfo.InvariantCulture, $"the document is {bytes:N0} bytes; the limit is {limits.MaxBytes:N0} bytes"), FindingCodes.DocumentTooLarge));
            return null;
        }

        if (LooksLikeJson(text) && JsonTreeReader.TryRead(text, limits) is { } json)
        {
            return json;
        }

        return ReadYaml(text, source, limits, findings);
    }

    /// <summary>Reads with YamlDotNet only (no JSON fast path); every error is reported from here.</summary>
    internal static YamlNode? ReadYaml(string text, string source, DocumentLimits limits, List<Finding> findings)
    {
        var state = new State(source, limits, findings);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                findings.Add(Error(source, 1, 1, "the document is empty", FindingCodes.DocumentEmpty));
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, state, 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                findings.Add(Error(source, (int)next.Start.Line, (int)next.Start.Column, "only one document is allowed per file; found a second '---' document", FindingCodes.MultipleDocuments));
                return null;
            }

            return root;
        }
        catch (LimitExceeded)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some malformed input, e.g. a
            // flow sequence left open across block lines, or an unclosed '{' followed by a plain
            // scalar with a space (found by fuzzing). Point at the last node that was read.
            findings.Add(Error(source, state.LastLine, state.LastColumn, "malformed YAML: the document cannot be read beyond this point", FindingCodes.MalformedSyntax));
            return null;
        }
        catch (YamlException ex)
        {
            var message = ex.Message;
            var idx = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && idx > 0)
            {
                message = message[(idx + 3)..];
            }

            if (TabIndent(text, ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? int.MaxValue : (int)ex.Start.Line) is { } tab)
            {
                findings.Add(Error(source, tab.Line, tab.Column, "a tab is used for indentation; YAML indents with spaces only", FindingCodes.MalformedSyntax));
                return null;
            }

            findings.Add(Error(source, (int)ex.Start.Line, (int)ex.Start.Column, "malformed YAML: " + message.TrimEnd('.'), FindingCodes.MalformedSyntax));
            return null;
        }
    }

    /// <summary>The first tab in a line's leading whitespace, at or before <paramref name="errorLine"/> (1-based).</summary>
    private static (int Line, int Column)? TabIndent(string text, int errorLine)
    {
        var line = 1;
        var atStart = true;
        var column = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                if (line >= Math.Max(errorLine, 1))
                {
                    return null;
                }

                line++;
                atStart = true;
                column = 1;
                continue;
            }

            if (atStart && c == '\t')
            {
                return (line, column);
            }

            atStart = atStart && c == ' ';
            column++;
        }

        return null;
    }

    private static bool LooksLikeJson(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                return c is '{' or '[';
            }
        }

        return false;
    }

    private static YamlNode ReadNode(IParser parser, State state, int depth)
    {
        if (depth > state.Limits.MaxDepth)
        {
            var at = parser.Current!;
            throw state.Fail((int)at.Start.Line, (int)at.Start.Column, string.Create(CultureInfo.InvariantCulture, $"the document nests deeper than {state.Limits.MaxDepth} levels"));
        }

        var ev = parser.Current ?? throw new YamlException("unexpected end of document");
        var line = (int)ev.Start.Line;
        var col = (int)ev.Start.Column;
        (state.LastLine, state.LastColumn) = (line, col);
        switch (ev)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (++state.Aliases > state.Limits.MaxAliases)
                {
                    throw state.Fail(line, col, string.Create(CultureInfo.InvariantCulture, $"more than {state.Limits.MaxAliases} aliases (*name); aliases are limited to stop alias bombs"));
                }

                if (!state.Anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw state.Fail(line, col, $"the alias '*{alias.Value.Value}' refers to no anchor defined before it");
                }

                state.Count(target.Weight, line, col);
                return target;

            case Scalar scalar:
                parser.MoveNext();
                CheckTag(scalar.Tag, state, line, col);
                var node = new YamlScalar(line, col, scalar.Value, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted);
                state.Count(1, line, col);
                Remember(scalar.Anchor, node, state);
                return node;

            case SequenceStart seqStart:
                {
                    parser.MoveNext();
                    CheckTag(seqStart.Tag, state, line, col);
                    var seq = new YamlSequence(line, col);
                    state.Count(1, line, col);
                    while (!parser.Accept<SequenceEnd>(out _))
                    {
                        seq.Add(ReadNode(parser, state, depth + 1));
                    }

                    parser.MoveNext();
                    Remember(seqStart.Anchor, seq, state);
                    return seq;
                }

            case MappingStart mapStart:
                {
                    parser.MoveNext();
                    CheckTag(mapStart.Tag, state, line, col);
                    var map = new YamlMapping(line, col);
                    state.Count(1, line, col);
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    while (!parser.Accept<MappingEnd>(out _))
                    {
                        var keyNode = ReadNode(parser, state, depth + 1);
                        if (keyNode is not YamlScalar key)
                        {
                            throw state.Fail(keyNode.Line, keyNode.Column, "a key must be a plain word, not " + keyNode.Describe());
                        }

                        if (!seen.Add(key.Value))
                        {
                            throw state.Fail(key.Line, key.Column, $"the key '{Truncate(key.Value)}' appears twice in the same mapping");
                        }

                        var value = ReadNode(parser, state, depth + 1);
                        map.Add(key, value);
                    }

                    parser.MoveNext();
                    Remember(mapStart.Anchor, map, state);
                    return map;
                }

            default:
                throw state.Fail(line, col, $"unexpected YAML element {ev.GetType().Name}");
        }
    }

    private static void CheckTag(TagName tag, State state, int line, int col)
    {
        if (!tag.IsEmpty && tag.Value is not "?" and not "!")
        {
            throw state.Fail(line, col, $"YAML tags ('{Truncate(tag.Value)}') are not supported");
        }
    }

    private static void Remember(AnchorName anchor, YamlNode node, State state)
    {
        if (!anchor.IsEmpty)
        {
            state.Anchors[anchor.Value] = node;
        }
    }

    /// <summary>Input text for a message: escaped (<see cref="Escape"/>) and cut to 40 characters.</summary>
    internal static string Truncate(string value) => Escape(value.Length <= 40 ? value : value[..40]) + (value.Length <= 40 ? string.Empty : "…");

    /// <summary>
    /// Input echoed in a message, made visible and kept on one line: control characters, line and paragraph
    /// separators, zero-width and bidirectional marks, the byte order mark and lone surrogates are written as
    /// <c>\n</c>, <c>\t</c>, <c>\r</c> or <c>\uXXXX</c>, so that a key cannot forge a second finding line or colour a terminal.
    /// </summary>
    internal static string Escape(string value)
    {
        var clean = true;
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(c).Append(value[++i]);
                continue;
            }

            _ = c switch
            {
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                _ when NeedsEscape(c) => sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c < ' ' || c is '\u007f' || (c >= '\u0080' && c <= '\u009f') || char.IsSurrogate(c)
        || c is '\u00ad' or '\u061c' or '\u180e' or '\u2028' or '\u2029' or '\ufeff'
        || (c >= '\u200b' && c <= '\u200f') || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2060' && c <= '\u206f');

    private static Finding Error(string source, int line, int col, string message, string code) =>
        new(Severity.Error, message, source, line, col, string.Empty) { Code = code };

    private sealed class State(string source, DocumentLimits limits, List<Finding> findings)
    {
        public DocumentLimits Limits { get; } = limits;

        public Dictionary<string, YamlNode> Anchors { get; } = new(StringComparer.Ordinal);

        public int Aliases { get; set; }

        /// <summary>Where the last node read started, for errors the parser reports without a position.</summary>
        public int LastLine { get; set; } = 1;

        public int LastColumn { get; set; } = 1;

        private long nodes;

        public void Count(int weight, int line, int col)
        {
            nodes += weight;
            if (nodes > Limits.MaxNodes)
            {
                throw Fail(line, col, string.Create(CultureInfo.InvariantCulture, $"the document expands to more than {Limits.MaxNodes:N0} nodes (aliases counted in full)"));
            }
        }

        public LimitExceeded Fail(int line, int col, string message)
        {
            findings.Add(Error(source, line, col, message, FindingCodes.StructureLimit));
            return new LimitExceeded();
        }
    }

    private sealed class LimitExceeded : Exception;
}
