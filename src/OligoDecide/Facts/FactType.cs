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

    /// <summary>
    /// A set of values from a closed list (a regimen's drug classes): <c>equals</c>/<c>in</c> hold when any
    /// member is among the values, <c>notIn</c> when none is.
    /// </summary>
    EnumerationSet,
}
