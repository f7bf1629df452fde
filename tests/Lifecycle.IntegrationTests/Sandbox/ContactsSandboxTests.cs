using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Lifecycle.IntegrationTests.Sandbox.SandboxHarness;

namespace Lifecycle.IntegrationTests.Sandbox;

/// <summary>The sandbox's contacts API (developer.exotel.com/api/create-contacts): 207 with one entry per contact.</summary>
public sealed class ContactsSandboxTests
{
    [Fact]
    public async Task Creating_contacts_answers_207_with_a_sid_per_contact_and_a_failure_for_a_bad_number()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();

        var answer = await sandbox.Api.PostAsJsonAsync(
            $"/v2/accounts/{AccountSid}/contacts",
            new { contacts = new object[] { new { number = phone, first_name = "Priya", tag = "AT_RISK", custom_field = new { user_id = "u1" } }, new { number = "12" } } });

        Assert.Equal((HttpStatusCode)207, answer.StatusCode);
        var entries = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").EnumerateArray().ToList();
        Assert.Equal(["success", "failure"], entries.Select(entry => entry.GetProperty("status").GetString()));
        Assert.StartsWith("CT", entries[0].GetProperty("data").GetProperty("sid").GetString());
        Assert.Equal(400, entries[1].GetProperty("code").GetInt32());
        Assert.Equal(phone, Assert.Single(sandbox.State.Contacts).Number);
    }

    [Fact]
    public async Task More_than_5000_contacts_are_refused_as_a_whole()
    {
        await using var sandbox = await StartAsync();

        var answer = await sandbox.Api.PostAsJsonAsync(
            $"/v2/accounts/{AccountSid}/contacts", new { contacts = Enumerable.Range(0, 5001).Select(_ => new { number = NewPhone() }).ToArray() });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Empty(sandbox.State.Contacts);
    }
}
