using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text;

namespace OligoDecide.Documents;

/// <summary>
/// The document spelling of enum members: kebab-case of the member name
/// (<c>Exon19Deletion</c> → <c>exon19-deletion</c>, <c>FdgPetCt</c> → <c>fdg-pet-ct</c>).
/// </summary>
internal static class KebabCase
{
    public static string From(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1])))
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    public static string Name<T>(T value)
        where T : struct, Enum => Table<T>().Name(value);

    public static bool TryParse<T>(string text, out T value)
        where T : struct, Enum => Table<T>().TryParse(text.AsSpan(), out value);

    /// <summary>The same lookup as <see cref="TryParse{T}(string, out T)"/> without making a string.</summary>
    public static bool TryParse<T>(ReadOnlySpan<char> text, out T value)
        where T : struct, Enum => Table<T>().TryParse(text, out value);

    public static IReadOnlyList<string> AllNames<T>()
        where T : struct, Enum => Table<T>().Ordered;

    /// <summary>One table per enumeration, made on first use (a static field per type: no lookup by type on every call).</summary>
    private static EnumTable<T> Table<T>()
        where T : struct, Enum => TableOf<T>.Instance;

    private static class TableOf<T>
        where T : struct, Enum
    {
        public static readonly EnumTable<T> Instance = new();
    }

    /// <summary>
    /// The names of one enum. The lookups are keyed by name (string to position) and by position, not by the enum
    /// type itself: a dictionary keyed or valued by each enum type is a separate generic instantiation for the JIT
    /// to compile per enum, which was most of the start-up of a one-shot command (docs/performance.md).
    /// </summary>
    private sealed class EnumTable<T>
        where T : struct, Enum
    {
        private readonly T[] values;
        private readonly bool byUnderlyingValue;
        private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> positions;

        public EnumTable()
        {
            values = Enum.GetValues<T>();
            Ordered = [.. values.Select(v => From(v.ToString()))];
            positions = Ordered.Select((name, i) => (name, i)).ToFrozenDictionary(x => x.name, x => x.i, StringComparer.Ordinal)
                .GetAlternateLookup<ReadOnlySpan<char>>();

            // Every enum of the model is an int counting from 0, so a value is its own position.
            byUnderlyingValue = Unsafe.SizeOf<T>() == sizeof(int);
            for (var i = 0; byUnderlyingValue && i < values.Length; i++)
            {
                byUnderlyingValue = Unsafe.As<T, int>(ref values[i]) == i;
            }
        }

        /// <summary>The names in the order of the values.</summary>
        public string[] Ordered { get; }

        public string Name(T value)
        {
            var i = byUnderlyingValue ? Unsafe.As<T, int>(ref value) : Array.IndexOf(values, value);
            return (uint)i < (uint)Ordered.Length ? Ordered[i] : throw new KeyNotFoundException($"{typeof(T).Name} has no member with the value {value}.");
        }

        public bool TryParse(ReadOnlySpan<char> text, out T value)
        {
            if (positions.TryGetValue(text, out var i))
            {
                value = values[i];
                return true;
            }

            value = default;
            return false;
        }
    }
}
