namespace Exotel.Sandbox;

/// <summary>
/// The standalone host: <c>dotnet run --project src/Exotel.Sandbox</c> (http://localhost:5090 by default), with
/// <see cref="SandboxOptions"/> bound from the configuration section <c>Sandbox</c>.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile("exotel-sandbox.appsettings.json", optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        var options = Bind(builder.Configuration.GetSection(SandboxOptions.Section));
        var app = SandboxApp.Build(builder, options, TimeProvider.System);
        await app.RunAsync();
    }

    /// <summary>
    /// Binds the section; a list given in configuration replaces the default list (the binder alone would append to it).
    /// </summary>
    internal static SandboxOptions Bind(IConfigurationSection section)
    {
        var options = new SandboxOptions();
        section.Bind(options);
        var defaults = new SandboxOptions();
        options.ApprovedWhatsAppTemplates = List(section, nameof(SandboxOptions.ApprovedWhatsAppTemplates), defaults.ApprovedWhatsAppTemplates);
        options.PendingWhatsAppTemplates = List(section, nameof(SandboxOptions.PendingWhatsAppTemplates), defaults.PendingWhatsAppTemplates);
        options.KnownDltTemplateIds = List(section, nameof(SandboxOptions.KnownDltTemplateIds), defaults.KnownDltTemplateIds);
        options.CallbackRetryDelays = List(section, nameof(SandboxOptions.CallbackRetryDelays), defaults.CallbackRetryDelays);
        return options;
    }

    private static T[] List<T>(IConfigurationSection section, string key, T[] fallback)
    {
        var list = section.GetSection(key);
        return list.Exists() ? list.Get<T[]>() ?? [] : fallback;
    }
}
