namespace FlashSale.Silo.Settings;

/// <summary>A wrong or missing setting: start-up stops with this one line, which names the setting.</summary>
public sealed class SettingsException(string message) : Exception(message);
