namespace OligoDecide.Facts;

/// <summary>The type of a fact in the rule vocabulary.</summary>
public enum FactType
{
    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A decimal number.</summary>
    Number,

    /// <summary>One of a closed list of values (kebab-case ids).</summary>
    Enumeration,
}
