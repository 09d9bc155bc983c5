namespace OligoDecide.Documents;

/// <summary>A node of a parsed YAML/JSON document, with the position it started at.</summary>
internal abstract class YamlNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>Nodes in this subtree (itself included); an alias counts its whole target.</summary>
    public abstract int Weight { get; }

    public abstract string Describe();
}

internal sealed class YamlScalar(int line, int column, string value, bool quoted) : YamlNode(line, column)
{
    public string Value { get; } = value;

    /// <summary>True for '…' or "…" scalars: never null, never a number or boolean by accident.</summary>
    public bool Quoted { get; } = quoted;

    public bool IsNull => !Quoted && (Value.Length == 0 || Value is "null" or "~" or "Null" or "NULL");

    public override int Weight => 1;

    public override string Describe() => IsNull ? "null" : "a scalar";
}

internal sealed class YamlMapping(int line, int column) : YamlNode(line, column)
{
    private int weight = 1;

    public List<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = [];

    public override int Weight => weight;

    public void Add(YamlScalar key, YamlNode value)
    {
        Entries.Add(new(key, value));
        weight += 1 + value.Weight;
    }

    public override string Describe() => "a mapping";
}

internal sealed class YamlSequence(int line, int column) : YamlNode(line, column)
{
    private int weight = 1;

    public List<YamlNode> Items { get; } = [];

    public override int Weight => weight;

    public void Add(YamlNode item)
    {
        Items.Add(item);
        weight += item.Weight;
    }

    public override string Describe() => "a list";
}
