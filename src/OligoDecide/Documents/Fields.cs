using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OligoDecide.Documents;

/// <summary>
/// One mapping of the patient format: its keys (in the order "Allowed keys" lists them), the field each
/// key sets, and the keys that are required. It is the single definition of that mapping, read two ways:
/// strictly from a node tree (<see cref="NodeContext.Record"/>, every problem a finding with its position)
/// and directly from UTF-8 JSON (<see cref="TryRead"/>, the screening fast path, which gives up on any doubt).
/// </summary>
internal sealed class FieldTable<T>
{
    private readonly Field<T>[] fields;
    private readonly ulong requiredMask;

    public FieldTable(Func<T> seed, Field<T>[] fields, params string[] required)
    {
        if (fields.Length > 64)
        {
            throw new ArgumentException("at most 64 fields per mapping", nameof(fields));
        }

        Seed = seed;
        this.fields = fields;
        Required = required;
        var readers = new Dictionary<string, FieldReader<T>>(fields.Length, StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            readers.Add(fields[i].Key, fields[i].Read);
            if (required.Contains(fields[i].Key))
            {
                requiredMask |= 1UL << i;
            }
        }

        Readers = readers;
    }

    /// <summary>A new record with no field read (what an empty mapping gives).</summary>
    public Func<T> Seed { get; }

    /// <summary>Keys that must be present with a value.</summary>
    public string[] Required { get; }

    /// <summary>The strict readers by key, for <see cref="NodeContext.Record"/>.</summary>
    public IReadOnlyDictionary<string, FieldReader<T>> Readers { get; }

    /// <summary>Reads the mapping strictly from a node (see <see cref="NodeContext.Record"/>).</summary>
    public T Read(YamlNode node, string path, NodeContext ctx) => ctx.Record(node, path, Readers, Seed(), Required);

    /// <summary>
    /// Reads a JSON object (the reader is on its <c>{</c>; it is left on the matching <c>}</c>) into a new
    /// record. False when the strict reader could find anything to report: an unknown, duplicate or escaped
    /// key, a missing or null required key, a value it would not accept as it stands, or a limit reached.
    /// </summary>
    public bool TryRead(ref Utf8JsonReader json, JsonBudget budget, int depth, out T record)
    {
        record = Seed();
        if (json.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        ulong seen = 0, valued = 0;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            // The key and its value count as two nodes one level down, as in the node tree.
            if (json.ValueIsEscaped || !budget.Take(depth + 1) || !budget.Take(depth + 1))
            {
                return false;
            }

            var index = IndexOf(json.ValueSpan);
            if (index < 0 || (seen & (1UL << index)) != 0 || !json.Read())
            {
                return false;
            }

            seen |= 1UL << index;
            if (json.TokenType != JsonTokenType.Null)
            {
                valued |= 1UL << index;
            }

            if (!fields[index].TryRead(ref record, ref json, budget, depth + 1))
            {
                return false;
            }
        }

        return json.TokenType == JsonTokenType.EndObject && (valued & requiredMask) == requiredMask;
    }

    private int IndexOf(ReadOnlySpan<byte> key)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (key.SequenceEqual(fields[i].Utf8Key))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>One key of a mapping and how its value sets the record's field.</summary>
internal abstract class Field<T>(string key)
{
    public string Key { get; } = key;

    public byte[] Utf8Key { get; } = Encoding.UTF8.GetBytes(key);

    /// <summary>The strict reading (a <see cref="FieldReader{T}"/>).</summary>
    public abstract T Read(T record, YamlNode value, string path, NodeContext ctx);

    /// <summary>The JSON reading: the reader is on the value's first token and is left on its last; false on any doubt.</summary>
    public abstract bool TryRead(ref T record, ref Utf8JsonReader json, JsonBudget budget, int depth);
}

/// <summary>Builds the fields of a <see cref="FieldTable{T}"/>: a key, the kind of value, and the setter.</summary>
internal static class Field
{
    public static Field<T> Of<T, TValue>(string key, Value<TValue> value, Func<T, TValue, T> set) => new Setter<T, TValue>(key, value, set);

    private sealed class Setter<T, TValue>(string key, Value<TValue> value, Func<T, TValue, T> set) : Field<T>(key)
    {
        public override T Read(T record, YamlNode node, string path, NodeContext ctx) => set(record, value.Read(node, path, ctx));

        public override bool TryRead(ref T record, ref Utf8JsonReader json, JsonBudget budget, int depth)
        {
            if (!value.TryRead(ref json, budget, depth, out var v))
            {
                return false;
            }

            record = set(record, v);
            return true;
        }
    }
}

/// <summary>
/// A kind of value in the patient format, read strictly from a node (with findings) or from JSON (giving
/// up on anything the strict reading would report or would read differently).
/// </summary>
internal abstract class Value<TValue>
{
    public abstract TValue Read(YamlNode node, string path, NodeContext ctx);

    /// <summary>The reader is on the value's first token and is left on its last; false on any doubt.</summary>
    public abstract bool TryRead(ref Utf8JsonReader json, JsonBudget budget, int depth, out TValue value);
}

/// <summary>The kinds of value the patient format has, each with its strict and its JSON reading side by side.</summary>
internal static class Values
{
    public static readonly Value<string?> Text = new TextValue();

    public static readonly Value<int?> WholeNumber = new WholeNumberValue();

    public static readonly Value<decimal?> Number = new NumberValue();

    public static readonly Value<bool?> Flag = new FlagValue();

    public static readonly Value<DateOnly?> Date = new DateValue();

    public static Value<TEnum?> Enum<TEnum>()
        where TEnum : struct, System.Enum => EnumValue<TEnum>.Instance;

    /// <summary>Text that must be one of <paramref name="allowed"/>.</summary>
    public static Value<string?> OneOf(string[] allowed, Func<YamlNode, string, NodeContext, string?> strict) => new OneOfValue(allowed, strict);

    /// <summary>A mapping; null is unknown.</summary>
    public static Value<TRecord?> Record<TRecord>(FieldTable<TRecord> table)
        where TRecord : class => new RecordValue<TRecord>(table, nullable: true);

    /// <summary>A mapping that must be there (a list item): null is an error.</summary>
    public static Value<TRecord?> Item<TRecord>(FieldTable<TRecord> table)
        where TRecord : class => new RecordValue<TRecord>(table, nullable: false);

    /// <summary>A list; null items are skipped; a null list is unknown (null) or, with <paramref name="nullIsEmpty"/>, empty.</summary>
    public static Value<List<TItem>?> List<TItem>(Value<TItem?> item, bool nullIsEmpty = false)
        where TItem : class => new ListValue<TItem>(item, nullIsEmpty);

    /// <summary>A list of enum values; null items are skipped; a null list is unknown.</summary>
    public static Value<List<TEnum?>?> EnumList<TEnum>()
        where TEnum : struct, System.Enum => EnumListValue<TEnum>.Instance;

    private static bool IsNull(YamlNode n) => n is YamlScalar { IsNull: true };

    /// <summary>An unescaped ASCII string token of at most <paramref name="max"/> bytes, widened into <paramref name="chars"/>.</summary>
    private static bool TryAscii(ref Utf8JsonReader json, scoped Span<char> chars, int max, out int length)
    {
        length = 0;
        if (json.TokenType != JsonTokenType.String || json.ValueIsEscaped || json.ValueSpan.Length > max)
        {
            return false;
        }

        var span = json.ValueSpan;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] >= 0x80)
            {
                return false;
            }

            chars[i] = (char)span[i];
        }

        length = span.Length;
        return true;
    }

    private sealed class TextValue : Value<string?>
    {
        public override string? Read(YamlNode node, string path, NodeContext ctx) => ctx.String(node, path);

        // A JSON number or boolean in a text field is read as its text by the strict reader; left to it.
        public override bool TryRead(ref Utf8JsonReader json, JsonBudget budget, int depth, out string? value)
        {
            value = json.TokenType == JsonTokenType.String ? json.GetString() : null;
            return json.TokenType is JsonTokenType.String or JsonTokenType.Null;
        }
    }

    private sealed class WholeNumberValue : Value<int?>
    {
        public override int? Read(YamlNode node, string path, NodeContext ctx) => ctx.Int(node, path);

        // The same parse as NodeContext.Int, on the token's text (a JSON number is never escaped).
        public override bool TryRead(ref Utf8JsonReader json, JsonBudget budget, int depth, out int? value)
        {
            value = null;
            if (json.TokenType == JsonTokenType.Null)
            {
                return true;
            }

            if (json.TokenType == JsonTokenType.Number && int.TryParse(json.ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                value = v;
                return true;
            }

            return false;
        }
    }

    private sealed class NumberValue : Value<decimal?>
    {
        public override decimal? Read(YamlNode node, string path, NodeContext ctx) => ctx.Decimal(node, path);

        // The same length bound and parse as NodeContext.Decimal (a JSON number's text is ASCII: bytes = chars).
        public override bool TryRead(ref Utf8JsonReader json, JsonBudget budget, int depth, out decimal? value)
        {
            value = null;
            if (json.TokenType == JsonTokenType.Null)
            {
                return true;
            }

            if (json.TokenType == JsonTokenType.Number && json.ValueSpan.Length <= 30
                && decimal.TryParse(json.ValueSpan, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
            {
                value = v;
                return true;
            }

            return false;
        }
    }

    private sealed class FlagValue : Value<bool?>
    {
        public override bool? Read(YamlNode node, string path, NodeContext ctx) => ctx.Bool(node, path);

        public override bool TryRead(ref Utf8JsonReader json, JsonBudget budget, int depth, out bool? value)
        {
            value = json.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => null,
            };
            return json.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;
        }
    }

    private sealed class DateValue : Value<DateOnly?>
    {
        public override DateOnly? Read(YamlNode node, string path, NodeContext ctx) => ctx.Date(node, path);

        // The same exact parse as NodeContext.Date, on the unescaped ASCII text.
        public override bool TryRead(ref Utf8JsonReader json, JsonBudget budget, int depth, out DateOnly? value)
        {
            value = null;
            if (json.TokenType == JsonTokenType.Null)
            {
                return true;
            }

            Span<char> chars = stackalloc char[16];
            if (TryAscii(ref json, chars, chars.Length, out var n)
                && DateOnly.TryParseExact(chars[..n], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                value = d;
                return true;
            }

            return false;
        }
    }

    private sealed class EnumValue<TEnum> : Value<TEnum?>
        where TEnum : struct, System.Enum
    {
        public static readonly EnumValue<TEnum> Instance = new();

        public override TEnum? Read(YamlNode node, string path, NodeContext ctx) => ctx.Enum<TEnum>(node, path);

        // The same vocabulary (KebabCase) as NodeContext.Enum, looked up without making a string.
        public override bool TryRead(ref Utf8JsonReader json, JsonBudget budget, int depth, out TEnum? value)
        {
            value = null;
            if (json.TokenType == JsonTokenType.Null)
            {
                return true;
            }

            Span<char> chars = stackalloc char[64];
            if (TryAscii(ref json, chars, chars.Length, out var n) && KebabCase.TryParse<TEnum>(chars[..n], out var v))
            {
                value = v;
                return true;
            }

            return false;
        }
    }

    private sealed class OneOfValue(string[] allowed, Func<YamlNode, string, NodeContext, string?> strict) : Value<string?>
    {
        public override string? Read(YamlNode node, string path, NodeContext ctx) => strict(node, path, ctx);

        public override bool TryRead(ref Utf8JsonReader json, JsonBudget budget, int depth, out string? value) =>
            Text.TryRead(ref json, budget, depth, out value) && (value is null || allowed.Contains(value));
    }

    private sealed class RecordValue<TRecord>(FieldTable<TRecord> table, bool nullable) : Value<TRecord?>
        where TRecord : class
    {
        public override TRecord? Read(YamlNode node, string path, NodeContext ctx) =>
            nullable && IsNull(node) ? null : table.Read(node, path, ctx);

        public override bool TryRead(ref Utf8JsonReader json, JsonBudget budget, int depth, out TRecord? value)
        {
            value = null;
            if (json.TokenType == JsonTokenType.Null)
            {
                return nullable;
            }

            var ok = table.TryRead(ref json, budget, depth, out var record);
            value = record;
            return ok;
        }
    }

    private sealed class ListValue<TItem>(Value<TItem?> item, bool nullIsEmpty) : Value<List<TItem>?>
        where TItem : class
    {
        private readonly Func<YamlNode, string, NodeContext, TItem?> readItem = item.Read;

        public override List<TItem>? Read(YamlNode node, string path, NodeContext ctx) =>
            !nullIsEmpty && IsNull(node) ? null : ctx.List(node, path, readItem);

        public override bool TryRead(ref Utf8JsonReader json, JsonBudget budget, int depth, out List<TItem>? value)
        {
            value = null;
            if (json.TokenType == JsonTokenType.Null)
            {
                value = nullIsEmpty ? [] : null;
                return true;
            }

            if (json.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            var list = new List<TItem>();
            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
            {
                // A null item is an error in the strict reading (a blank list item): give up.
                if (json.TokenType == JsonTokenType.Null || !budget.Take(depth + 1) || !item.TryRead(ref json, budget, depth + 1, out var v))
                {
                    return false;
                }

                if (v is not null)
                {
                    list.Add(v);
                }
            }

            value = list;
            return true;
        }
    }

    private sealed class EnumListValue<TEnum> : Value<List<TEnum?>?>
        where TEnum : struct, System.Enum
    {
        public static readonly EnumListValue<TEnum> Instance = new();

        public override List<TEnum?>? Read(YamlNode node, string path, NodeContext ctx) =>
            IsNull(node) ? null : ctx.List(node, path, static (i, ip, c) => c.Enum<TEnum>(i, ip));

        public override bool TryRead(ref Utf8JsonReader json, JsonBudget budget, int depth, out List<TEnum?>? value)
        {
            value = null;
            if (json.TokenType == JsonTokenType.Null)
            {
                return true;
            }

            if (json.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            var list = new List<TEnum?>();
            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
            {
                if (json.TokenType == JsonTokenType.Null || !budget.Take(depth + 1) || !EnumValue<TEnum>.Instance.TryRead(ref json, budget, depth + 1, out var v))
                {
                    return false;
                }

                if (v is not null)
                {
                    list.Add(v);
                }
            }

            value = list;
            return true;
        }
    }
}

/// <summary>
/// The <see cref="DocumentLimits"/> a JSON read must stay within, counted as the node tree counts them
/// (every value and every key is a node; a value's depth is its nesting below the root).
/// </summary>
internal sealed class JsonBudget(DocumentLimits limits)
{
    private int nodes;

    /// <summary>Counts one node at <paramref name="depth"/>; false once a limit is passed.</summary>
    public bool Take(int depth) => depth <= limits.MaxDepth && ++nodes <= limits.MaxNodes;
}
