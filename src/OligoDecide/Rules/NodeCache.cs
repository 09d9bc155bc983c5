using System.Runtime.CompilerServices;

namespace OligoDecide.Rules;

/// <summary>
/// The traces a condition node gives again and again, kept so that deciding the same rules for many patients does
/// not build the same traces again: a fact test's trace depends only on the value read, a quantifier's only on its
/// counts, a <c>suggested</c> test's only on the option's state, and a group's (all, any, not) only on its
/// children's traces. Each stored trace is marked <see cref="ConditionTrace.Shared"/> and is never changed.
/// Bounded (values beyond <see cref="Capacity"/> are traced each time); safe to share between threads: the table
/// is replaced copy-on-write, never changed in place. Not part of the node's value: every two caches are equal,
/// so conditions compare and hash as before.
/// </summary>
internal sealed class NodeCache
{
    /// <summary>Traces kept per node at most.</summary>
    private const int Capacity = 64;

    private static readonly object NoValue = new();

    private object? owner;

    /// <summary>Open addressing, power-of-two length, at most half full; null slots end a probe.</summary>
    private Slot[] table = [];

    /// <summary>True when this cache belongs to <paramref name="node"/> (claiming it when it belongs to none yet).</summary>
    public bool OwnedBy(Condition node)
    {
        var current = Volatile.Read(ref owner) ?? Interlocked.CompareExchange(ref owner, node, null) ?? node;
        return ReferenceEquals(current, node);
    }

    /// <summary>The stored trace of a leaf for a value (null for unknown) and a number (counts, a truth), or null.</summary>
    public ConditionTrace? Find(object? value, long number)
    {
        var key = value ?? NoValue;
        var slots = Volatile.Read(ref table);
        if (slots.Length == 0)
        {
            return null;
        }

        var mask = slots.Length - 1;
        for (var i = LeafHash(key, number) & mask; slots[i].Trace is { } trace; i = (i + 1) & mask)
        {
            if (slots[i].Children is null && slots[i].Number == number && Same(slots[i].Key!, key))
            {
                return trace;
            }
        }

        return null;
    }

    /// <summary>
    /// Stores a leaf's trace for a value (a boolean, integer, decimal or string, or null; sets are not stored) and a
    /// number when there is room; returns the trace to use (the stored, shared one when stored).
    /// </summary>
    public ConditionTrace Add(object? value, long number, ConditionTrace trace)
    {
        if (value is not (null or bool or int or decimal or string))
        {
            return trace;
        }

        var key = value ?? NoValue;
        var shared = trace with { Shared = true };
        return Insert(new Slot(key, number, null, shared), LeafHash(key, number)) ? shared : trace;
    }

    /// <summary>The stored trace of a group node whose children's traces are exactly <paramref name="children"/> (the same objects), or null.</summary>
    public ConditionTrace? FindGroup(ReadOnlySpan<ConditionTrace> children)
    {
        var slots = Volatile.Read(ref table);
        if (slots.Length == 0)
        {
            return null;
        }

        var mask = slots.Length - 1;
        for (var i = GroupHash(children) & mask; slots[i].Trace is { } trace; i = (i + 1) & mask)
        {
            if (slots[i].Children is { } stored && SameChildren(stored, children))
            {
                return trace;
            }
        }

        return null;
    }

    /// <summary>Stores a group node's trace when all its children's traces are shared and there is room; returns the trace to use.</summary>
    public ConditionTrace AddGroup(ConditionTrace trace)
    {
        var children = trace.Children;
        foreach (var c in children)
        {
            if (!c.Shared)
            {
                return trace;
            }
        }

        var shared = trace with { Shared = true };
        var array = children as ConditionTrace[] ?? [.. children];
        return Insert(new Slot(null, 0, array, shared), GroupHash(array)) ? shared : trace;
    }

    public override bool Equals(object? obj) => obj is NodeCache;

    public override int GetHashCode() => 0;

    /// <summary>Adds a slot to a copy of the table and publishes the copy; false when full or another thread published first.</summary>
    private bool Insert(Slot slot, int hash)
    {
        var current = Volatile.Read(ref table);
        var used = 0;
        foreach (var s in current)
        {
            used += s.Trace is null ? 0 : 1;
        }

        if (used >= Capacity)
        {
            return false;
        }

        var length = Math.Max(8, current.Length);
        while (length < 2 * (used + 1))
        {
            length *= 2;
        }

        var next = new Slot[length];
        foreach (var s in current)
        {
            if (s.Trace is not null)
            {
                Place(next, s, s.Children is { } c ? GroupHash(c) : LeafHash(s.Key!, s.Number));
            }
        }

        Place(next, slot, hash);
        return Interlocked.CompareExchange(ref table, next, current) == current;
    }

    private static void Place(Slot[] slots, Slot slot, int hash)
    {
        var mask = slots.Length - 1;
        var i = hash & mask;
        while (slots[i].Trace is not null)
        {
            i = (i + 1) & mask;
        }

        slots[i] = slot;
    }

    private static int LeafHash(object key, long number) => HashCode.Combine(ReferenceEquals(key, NoValue) ? 0 : key.GetHashCode(), number) & int.MaxValue;

    private static int GroupHash(ReadOnlySpan<ConditionTrace> children)
    {
        var hash = default(HashCode);
        foreach (var c in children)
        {
            hash.Add(RuntimeHelpers.GetHashCode(c));
        }

        return hash.ToHashCode() & int.MaxValue;
    }

    private static bool SameChildren(ConditionTrace[] stored, ReadOnlySpan<ConditionTrace> children)
    {
        if (stored.Length != children.Length)
        {
            return false;
        }

        for (var i = 0; i < children.Length; i++)
        {
            if (!ReferenceEquals(stored[i], children[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Equal values that are also written the same (a decimal's scale counts: 1.0 is not 1.00).</summary>
    private static bool Same(object stored, object key) => ReferenceEquals(stored, key) || (stored is decimal a
        ? key is decimal b && a == b && a.Scale == b.Scale
        : stored.Equals(key));

    /// <summary>A leaf's trace by value and number, or a group's by its children's traces.</summary>
    private readonly record struct Slot(object? Key, long Number, ConditionTrace[]? Children, ConditionTrace Trace);
}
