using System.Text;
using System.Text.Json;

namespace OligoDecide.Documents;

/// <summary>
/// A fast path for documents that are plain JSON (one NDJSON line of a batch, a <c>.json</c> case):
/// builds the same <see cref="YamlNode"/> tree that <see cref="YamlReader"/> builds with YamlDotNet
/// (JSON strings as quoted scalars, numbers, booleans and null as plain scalars, the same 1-based
/// line:column of each token) with <see cref="Utf8JsonReader"/>, several times faster. It accepts only
/// the happy path: on malformed JSON, a duplicate key or any exceeded limit it returns null and the
/// caller reads the text with YamlDotNet, so every error keeps exactly its YAML message and position.
/// </summary>
internal static class JsonTreeReader
{
    public static YamlNode? TryRead(string text, DocumentLimits limits)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = Math.Max(64, limits.MaxDepth + 2) });
        var state = new State(bytes, bytes.Length == text.Length, limits);
        try
        {
            if (!reader.Read())
            {
                return null;
            }

            var root = ReadValue(ref reader, state, 0);
            return root is null || reader.Read() ? null : root;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: GetString on an escaped lone surrogate (\ud800). The YAML reader
            // then reports it with its position.
            return null;
        }
    }

    private static YamlNode? ReadValue(ref Utf8JsonReader reader, State state, int depth)
    {
        if (depth > state.Limits.MaxDepth || ++state.Nodes > state.Limits.MaxNodes)
        {
            return null;
        }

        var (line, col) = state.Position(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    var map = new YamlMapping(line, col);
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (depth + 1 > state.Limits.MaxDepth || ++state.Nodes > state.Limits.MaxNodes)
                        {
                            return null;
                        }

                        var (kl, kc) = state.Position(reader.TokenStartIndex);
                        var name = reader.GetString()!;
                        foreach (var entry in map.Entries)
                        {
                            if (entry.Key.Value == name)
                            {
                                return null;
                            }
                        }

                        var key = new YamlScalar(kl, kc, name, quoted: true);
                        if (!reader.Read() || ReadValue(ref reader, state, depth + 1) is not { } value)
                        {
                            return null;
                        }

                        map.Add(key, value);
                    }

                    return reader.TokenType == JsonTokenType.EndObject ? map : null;
                }

            case JsonTokenType.StartArray:
                {
                    var seq = new YamlSequence(line, col);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (ReadValue(ref reader, state, depth + 1) is not { } item)
                        {
                            return null;
                        }

                        seq.Add(item);
                    }

                    return seq;
                }

            case JsonTokenType.String:
                return new YamlScalar(line, col, reader.GetString()!, quoted: true);
            case JsonTokenType.Number:
                return new YamlScalar(line, col, Encoding.UTF8.GetString(reader.ValueSpan), quoted: false);
            case JsonTokenType.True:
                return new YamlScalar(line, col, "true", quoted: false);
            case JsonTokenType.False:
                return new YamlScalar(line, col, "false", quoted: false);
            case JsonTokenType.Null:
                return new YamlScalar(line, col, "null", quoted: false);
            default:
                return null;
        }
    }

    /// <summary>Limits, node count, and byte offset → 1-based line and (character) column, scanning forward only.</summary>
    private sealed class State(byte[] bytes, bool ascii, DocumentLimits limits)
    {
        private long scanned;
        private long lineStart;
        private int line = 1;

        public DocumentLimits Limits { get; } = limits;

        public int Nodes { get; set; }

        public (int Line, int Column) Position(long offset)
        {
            for (; scanned < offset; scanned++)
            {
                if (bytes[scanned] == (byte)'\n')
                {
                    line++;
                    lineStart = scanned + 1;
                }
            }

            var column = ascii ? offset - lineStart : Encoding.UTF8.GetCharCount(bytes, (int)lineStart, (int)(offset - lineStart));
            return (line, (int)column + 1);
        }
    }
}
