using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Conditions;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using Microsoft.EntityFrameworkCore;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Assembly = System.Reflection.Assembly;

namespace Lifecycle.ArchitectureTests;

/// <summary>
/// The layer and module rules of the design README ("Layers and modules"), checked against the compiled assemblies.
/// Layers and modules are selected by namespace with anchored regular expressions (ArchUnitNET's
/// <c>ResideInNamespace</c> is an exact match, <c>ResideInNamespaceMatching</c> an unanchored regex), so a namespace
/// "below" a layer or module is covered and "Lifecycle.WebX" is not mistaken for "Lifecycle.Web".
/// </summary>
public sealed class ArchitectureRules
{
    private static readonly Assembly DomainAssembly = typeof(Lifecycle.Domain.Lifecycle.User).Assembly;
    private static readonly Assembly ApplicationAssembly = typeof(Lifecycle.Application.DependencyInjection).Assembly;
    private static readonly Assembly InfrastructureAssembly = typeof(Lifecycle.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly WebAssembly = typeof(Program).Assembly;

    private static readonly Architecture Architecture = new ArchLoader()
        .LoadAssemblies(DomainAssembly, ApplicationAssembly, InfrastructureAssembly, WebAssembly, typeof(Exotel.Sandbox.ExotelSandbox).Assembly)
        .Build();

    private const string Domain = "Lifecycle.Domain";
    private const string Application = "Lifecycle.Application";
    private const string Infrastructure = "Lifecycle.Infrastructure";
    private const string Web = "Lifecycle.Web";

    /// <summary>The product modules: each may use the core (<c>Lifecycle</c>) and the shared namespaces, never another product module.</summary>
    private static readonly string[] ProductModules = ["Verify", "Voice", "Sms", "WhatsApp", "Campaigns", "Voicebot", "Cqa", "Chatbot"];

    /// <summary>The core module and the cross-cutting namespaces every product module may use.</summary>
    private static readonly string[] SharedModules = ["Lifecycle", "Common", "Exotel"];

    private static readonly string[] ModularLayers = [Domain, Application, Infrastructure];

    /// <summary>
    /// The composition root: the top-level-statements <c>Program</c> (global namespace), <c>WebSetup</c> and the types
    /// in <c>Lifecycle.Web.Composition</c> (hosting the in-process sandbox), with their nested types.
    /// </summary>
    private const string CompositionRoot = @"^(Program|Lifecycle\.Web\.WebSetup|Lifecycle\.Web\.Composition\.[^.+]+)(\+.+)?$";

    private static readonly Assembly SandboxAssembly = typeof(Exotel.Sandbox.ExotelSandbox).Assembly;

    public static TheoryData<string> ProductModuleNames => new(ProductModules);

    public static TheoryData<string> ModularLayerNames => new(ModularLayers);

    [Fact]
    public void Domain_depends_on_nothing_of_ours() =>
        Types().That().ResideInNamespaceMatching(InOrBelow(Domain))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(InOrBelow(Application, Infrastructure, Web))
            .Because("the domain is the innermost layer: entities, the state machine and policies are pure code that every other layer builds on")
            .Check(Architecture);

    [Fact]
    public void Domain_uses_no_EF_Core_ASP_NET_Core_HTTP_Mediator_or_FluentValidation_types() =>
        Types().That().ResideInNamespaceMatching(InOrBelow(Domain))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(
                InOrBelow("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "System.Net.Http", "Mediator", "FluentValidation"))
            .AndShould().NotDependOnAnyTypesThat().ResideInAssemblyMatching(
                @"^(Microsoft\.EntityFrameworkCore|Npgsql|Microsoft\.AspNetCore|System\.Net\.Http|Mediator|FluentValidation)\b")
            .Because("the domain is plain C#: persistence, transport, messaging and validation frameworks belong to the outer layers")
            .Check(Architecture);

    [Fact]
    public void Application_depends_on_neither_Infrastructure_nor_Web() =>
        Types().That().ResideInNamespaceMatching(InOrBelow(Application))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(InOrBelow(Infrastructure, Web))
            .Because("the application layer declares ports (interfaces) that Infrastructure implements; it never reaches outward")
            .Check(Architecture);

    [Fact]
    public void Application_uses_no_EF_Core_ASP_NET_Core_or_HttpClient() =>
        Types().That().ResideInNamespaceMatching(InOrBelow(Application))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(InOrBelow("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"))
            .AndShould().NotDependOnAnyTypesThat().HaveFullName("System.Net.Http.HttpClient")
            .Because("handlers talk to persistence and providers through ports, so they run unchanged against fakes and any adapter")
            .Check(Architecture);

    [Fact]
    public void Infrastructure_does_not_depend_on_Web() =>
        Types().That().ResideInNamespaceMatching(InOrBelow(Infrastructure))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(InOrBelow(Web))
            .Because("Web is the outermost layer: it composes Infrastructure, not the other way round")
            .Check(Architecture);

    /// <summary>
    /// Checked across layers, which includes every same-layer pair: e.g. neither Application.Sms nor Infrastructure.Sms
    /// may use Application.Voice or Domain.Voice.
    /// </summary>
    [Theory]
    [MemberData(nameof(ProductModuleNames))]
    public void Product_module_depends_on_no_other_product_module(string module) =>
        Types().That().ResideInNamespaceMatching(ModuleInOrBelow(module))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(ModuleInOrBelow([.. ProductModules.Where(m => m != module)]))
            .Because($"{module} may use the Lifecycle core and Common only; product modules talk through commands, events and the outbox")
            // A module that has no code yet selects no types; that is not a failure (a dependency of any other module on
            // it is still caught, because the target namespace then has types). Modules that have code are checked fully.
            .WithoutRequiringPositiveResults()
            .Check(Architecture);

    /// <summary>
    /// Guards the module rule: a namespace that is not a known module (a typo such as "Lifecycle.Application.SMS", or a
    /// new module nobody added to the lists here) would otherwise escape the product-module rule unseen.
    /// </summary>
    [Theory]
    [MemberData(nameof(ModularLayerNames))]
    public void Layer_types_live_in_a_known_module_namespace(string layer) =>
        Types().That().ResideInNamespaceMatching(InOrBelow(layer))
            .Should().ResideInNamespaceMatching(
                $@"^{Regex.Escape(layer)}(\.({string.Join("|", ProductModules.Concat(SharedModules))})(\..+)?)?$")
            .Because("the module rules are written against the module namespaces; a type outside them would escape those rules")
            .Check(Architecture);

    [Fact]
    public void Handlers_are_not_public() =>
        Classes().That().ImplementAnyInterfaces(
                Interfaces(includeReferenced: true).That()
                    .HaveFullNameMatching(@"^Mediator\.I(Stream)?(Command|Query|Request|Notification)Handler`\d+$")
                    .Or().HaveFullName("Lifecycle.Application.Common.Persistence.IDomainEventHandler`1"))
            .Should().NotBePublic()
            .Because("handlers are reached only through the mediator; the public API of the application layer is its messages")
            .Check(Architecture);

    /// <summary>
    /// ArchUnitNET's <c>BeImmutable</c> accepts get-only and init-only properties and readonly fields (it checks
    /// <c>Writability.IsImmutable()</c> on every instance member) but exists only for classes; message structs
    /// (e.g. a <c>record struct</c> command) get the same check through a custom condition.
    /// </summary>
    [Fact]
    public void Commands_queries_and_events_are_immutable() =>
        Classes().That().ImplementAnyInterfaces(Messages())
            .Should().BeImmutable()
            .Because(MessagesAreImmutable)
            .And(Types().That().AreStructs().And().ImplementAnyInterfaces(Messages())
                .Should().FollowCustomCondition(HasOnlyGetAndInitAccessors, "be immutable")
                .Because(MessagesAreImmutable)
                .WithoutRequiringPositiveResults())
            .Check(Architecture);

    private const string MessagesAreImmutable =
        "messages are stored in the inbox, outbox and timers and replayed; only get and init accessors keep a stored message what it was";

    /// <summary>Mediator's command, query, request and notification roots, our domain events and our durable command markers.</summary>
    private static IObjectProvider<Interface> Messages() =>
        Interfaces(includeReferenced: true).That()
            .HaveFullNameMatching(@"^Mediator\.(IBaseCommand|IBaseQuery|IBaseRequest|INotification)$")
            .Or().HaveFullName("Lifecycle.Domain.Common.IDomainEvent")
            .Or().HaveFullName("Lifecycle.Application.Common.Messaging.IOutboxMessage")
            .Or().HaveFullName("Lifecycle.Application.Common.Messaging.ITimerCommand");

    private static ConditionResult HasOnlyGetAndInitAccessors(IType type)
    {
        var settable = type.Members.Where(m => m.IsStatic != true && !m.Writability.IsImmutable()).Select(m => m.Name).ToList();
        return new ConditionResult(type, settable.Count == 0, "has settable members " + string.Join(", ", settable));
    }

    /// <summary>
    /// "Outside Infrastructure" means outside the Infrastructure assembly: Refit's generated clients live there in
    /// namespace <c>Refit.Implementation</c> and necessarily use <c>HttpClient</c>. Subclasses count too
    /// (<c>LifecycleDbContext</c> is a <c>DbContext</c>).
    /// </summary>
    [Fact]
    public void Only_Infrastructure_touches_DbContext_and_HttpClient() =>
        Types().That().DoNotResideInAssembly(InfrastructureAssembly)
            .Should().NotDependOnAnyTypesThat().AreAssignableTo(typeof(DbContext), typeof(HttpClient))
            .Because("EF Core and HTTP are adapters: the rest of the system sees them only through the ports Infrastructure implements")
            .Check(Architecture);

    /// <summary>
    /// Every type compiled into Lifecycle.Web except the composition root. (ArchUnitNET does not analyse the
    /// compiler-generated <c>&lt;Main&gt;$</c> of top-level statements at all, so <c>Program</c> is excluded twice over.)
    /// </summary>
    [Fact]
    public void Web_touches_Infrastructure_only_in_the_composition_root() =>
        Types().That().ResideInAssembly(WebAssembly).And().DoNotHaveFullNameMatching(CompositionRoot)
            .Should().NotDependOnAnyTypesThat().ResideInAssembly(InfrastructureAssembly)
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceMatching(InOrBelow(Infrastructure))
            .Because("endpoints send commands and queries through the mediator; Program and WebSetup are the only places that wire Infrastructure in")
            .Check(Architecture);

    [Fact]
    public void The_lifecycle_core_depends_on_no_product_module() =>
        Types().That().ResideInNamespaceMatching(ModuleInOrBelow("Lifecycle"))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(ModuleInOrBelow(ProductModules))
            .Because("product modules plug into the core (IMessageChannel, domain events), never the other way round")
            .Check(Architecture);

    [Fact]
    public void The_sandbox_depends_on_nothing_of_ours() =>
        Types().That().ResideInAssembly(SandboxAssembly)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(InOrBelow(Domain, Application, Infrastructure, Web))
            .Because("the sandbox stands in for Exotel: it may only know Exotel's wire formats, so it cannot agree with our code by accident")
            .Check(Architecture);

    [Fact]
    public void Only_the_composition_root_touches_the_sandbox() =>
        Types().That().DoNotResideInAssembly(SandboxAssembly).And().DoNotHaveFullNameMatching(CompositionRoot)
            .Should().NotDependOnAnyTypesThat().ResideInAssembly(SandboxAssembly)
            .Because("the service talks to the sandbox only over HTTP, like to Exotel; hosting it in-process is wiring")
            .Check(Architecture);

    [Fact]
    public void Webhook_readers_live_in_Infrastructure() =>
        Classes().That().ImplementInterface(typeof(Lifecycle.Application.Common.Webhooks.IWebhookEventReader))
            .Should().ResideInAssembly(InfrastructureAssembly)
            .Because("a reader is the anti-corruption layer of a provider's callbacks: Exotel's fields, status words and codes stop there, and Application receives commands in our own words")
            .Check(Architecture);

    [Fact]
    public void Each_user_data_owner_is_the_Infrastructure_of_the_module_whose_tables_it_erases() =>
        Classes().That().ImplementInterface(typeof(Lifecycle.Application.Lifecycle.Offboarding.IUserDataOwner))
            .Should().ResideInAssembly(InfrastructureAssembly)
            .AndShould().NotBePublic()
            .Because("offboarding reaches every table through the owners the modules register: each erases its own module's rows, so a new table comes with its owner and no central list of tables exists")
            .Check(Architecture);

    [Fact]
    public void Exotels_call_vocabulary_is_read_only_by_the_call_and_voicebot_adapters() =>
        Types().That().DependOnAny(Types().That().HaveFullName("Lifecycle.Infrastructure.Exotel.ExotelCallFields"))
            .Should().ResideInNamespaceMatching(InOrBelow($"{Infrastructure}.Voice", $"{Infrastructure}.Voicebot", $"{Infrastructure}.Exotel"))
            .Because("Exotel's call status words and field names stop in the readers of /webhooks/exotel/call and /webhooks/exotel/voicebot")
            .Check(Architecture);

    [Fact]
    public void Call_routes_are_Application_code_of_the_module_that_places_the_calls() =>
        Classes().That().ImplementInterface(typeof(Lifecycle.Application.Lifecycle.Calls.ICallRoute))
            .Should().ResideInNamespaceMatching(ModuleInOrBelow(ProductModules))
            .AndShould().ResideInAssembly(ApplicationAssembly)
            .Because("a route turns a call report (our words) into its module's own command; the reader that knows Exotel's fields stays in Infrastructure.Voice")
            .Check(Architecture);

    /// <summary>A regex matching each namespace given and every namespace below it (not mere prefixes: "Lifecycle.WebX" is not "Lifecycle.Web").</summary>
    private static string InOrBelow(params string[] namespaces) =>
        $@"^({string.Join("|", namespaces.Select(Regex.Escape))})(\..+)?$";

    /// <summary>A regex matching the given modules, in or below their namespace, in every modular layer.</summary>
    private static string ModuleInOrBelow(params string[] modules) =>
        $@"^({string.Join("|", ModularLayers.Select(Regex.Escape))})\.({string.Join("|", modules.Select(Regex.Escape))})(\..+)?$";
}
