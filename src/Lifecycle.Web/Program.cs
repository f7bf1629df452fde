using Lifecycle.Application;
using Lifecycle.Infrastructure;
using Lifecycle.Infrastructure.Campaigns;
using Lifecycle.Infrastructure.Chatbot;
using Lifecycle.Infrastructure.Cqa;
using Lifecycle.Infrastructure.Sms;
using Lifecycle.Infrastructure.Verify;
using Lifecycle.Infrastructure.Voice;
using Lifecycle.Infrastructure.Voicebot;
using Lifecycle.Infrastructure.WhatsApp;
using Lifecycle.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);

// One line per product module: each registers everything it owns (use cases, clients, webhook readers, options).
builder.Services.AddVerifyModule();
builder.Services.AddSmsModule();
builder.Services.AddWhatsAppModule();
builder.Services.AddVoiceModule();
builder.Services.AddVoicebotModule();
builder.Services.AddCampaignsModule();
builder.Services.AddChatbotModule();
builder.Services.AddCqaModule();

builder.Services.AddWeb(builder.Configuration);

var app = builder.Build();
app.UseWeb();
await app.RunWithReadableStartupErrorsAsync();
