using Lifecycle.Application;
using Lifecycle.Infrastructure;
using Lifecycle.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddWeb(builder.Configuration);

var app = builder.Build();
app.UseWeb();
await app.RunWithReadableStartupErrorsAsync();
