namespace McpMonitoring.Engine.Metrics.Storage;

/// <summary>
/// A series id is a slot in the store's series table (low 24 bits) plus the slot's generation (7 bits above).
/// Slots of dropped series are reused, oldest freed first, with the next generation: a scraper still holding the
/// id of a dropped series then addresses nothing (its appends are dropped and counted, <c>TryAppend</c> says so)
/// instead of writing into whichever series took the slot. Ids stay non-negative (-1 means rejected).
/// </summary>
internal static class SeriesId
{
    public const int SlotBits = 24;
    public const int MaxSlots = (1 << SlotBits) - 1;
    private const int SlotMask = (1 << SlotBits) - 1;
    private const int GenerationMask = 0x7f;

    public static int Make(int slot, int generation) => ((generation & GenerationMask) << SlotBits) | slot;

    public static int Slot(int id) => id & SlotMask;

    public static int NextGeneration(int id) => ((id >> SlotBits) + 1) & GenerationMask;
}
