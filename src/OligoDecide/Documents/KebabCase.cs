using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;

namespace OligoDecide.Documents;

/// <summary>
/// The document spelling of enum members: kebab-case of the member name
/// (<c>Exon19Deletion</c> → <c>exon19-deletion</c>, <c>FdgPetCt</c> → <c>fdg-pet-ct</c>).
/// </summary>
internal static class KebabCase
{
    private static readonly ConcurrentDictionary<Type, object> Tables = new();

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
        where T : struct, Enum => Table<T>().Names[value];

    public static bool TryParse<T>(string text, out T value)
        where T : struct, Enum => Table<T>().Values.TryGetValue(text, out value);

    /// <summary>The same lookup as <see cref="TryParse{T}(string, out T)"/> without making a string.</summary>
    public static bool TryParse<T>(ReadOnlySpan<char> text, out T value)
        where T : struct, Enum => Table<T>().Lookup.TryGetValue(text, out value);

    public static IReadOnlyList<string> AllNames<T>()
        where T : struct, Enum => Table<T>().Ordered;

    private static EnumTable<T> Table<T>()
        where T : struct, Enum => (EnumTable<T>)Tables.GetOrAdd(typeof(T), _ => new EnumTable<T>());

    private sealed class EnumTable<T>
        where T : struct, Enum
    {
        public EnumTable()
        {
            var values = Enum.GetValues<T>();
            Names = values.ToFrozenDictionary(v => v, v => From(v.ToString()));
            Values = values.ToFrozenDictionary(v => From(v.ToString()), v => v, StringComparer.Ordinal);
            Ordered = [.. values.Select(v => From(v.ToString()))];
            Lookup = Values.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public FrozenDictionary<T, string> Names { get; }

        public FrozenDictionary<string, T> Values { get; }

        public IReadOnlyList<string> Ordered { get; }

        public FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }
    }
}
