namespace Lifecycle.IntegrationTests.Infrastructure;

/// <summary>
/// Payloads copied from Exotel's public documentation (<c>Fixtures/Exotel/</c>). Each file opens with <c>#</c> lines
/// naming the page it was copied from; the body follows exactly as the page shows it.
/// </summary>
public static class ExotelFixtures
{
    public static string Read(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Exotel", name);
        var lines = File.ReadAllLines(path);
        return string.Join('\n', lines.SkipWhile(line => line.StartsWith('#'))).Trim();
    }
}
