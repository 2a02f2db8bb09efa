/**
 * Open311 GeoReport v2 against the spec's own examples (wiki.open311.org/GeoReport_v2):
 * the element structure of its XML responses, its example POST body, its error format.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomToken, sha256 } from "../../web/auth/tokens.ts";
import { open311Idle } from "../../web/open311/intake.ts";
import { startWebTestApp, type WebTestApp } from "../helpers/web-app.ts";

let t: WebTestApp;
let key: string;

/** Element names, in order, of the first <tag>…</tag> of an XML text. */
function elementsOf(xml: string, tag: string): string[] {
  const block = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1] ?? "";
  return [...block.matchAll(/<([a-z_]+)(?:\/>|>)/g)].map((m) => m[1]!);
}

// The spec's example GET requests response (one request element) and POST response.
const SPEC_REQUEST = `<request><service_request_id>638344</service_request_id><status>closed</status><status_notes>Duplicate request.</status_notes><service_name>Sidewalk and Curb Issues</service_name><service_code>006</service_code><description></description><agency_responsible></agency_responsible><service_notice></service_notice><requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime><updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime><expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime><address>8TH AVE and JUDAH ST</address><address_id>545483</address_id><zipcode>94122</zipcode><lat>37.762221815</lat><long>-122.4651145</long><media_url>http://city.gov.s3.amazonaws.com/requests/media/638344.jpg </media_url></request>`;
const SPEC_SERVICE = `<service><service_code>001</service_code><service_name>Cans left out 24x7</service_name><description>Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.</description><metadata>true</metadata><type>realtime</type><keywords>lorem, ipsum, dolor</keywords><group>sanitation</group></service>`;
const SPEC_POST_RESPONSE = `<request><service_request_id>293944</service_request_id><service_notice>The City will inspect</service_notice><account_id/></request>`;
// The spec's example request body, with its service_code and description in this ward's terms.
const specBody = (apiKey: string) =>
  `api_key=${apiKey}&jurisdiction_id=city.gov&service_code=ha_tang&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Fcity.gov%2Fmedia%2F1.jpg`;

beforeAll(async () => {
  t = await startWebTestApp();
  key = `o311_${randomToken(24)}`;
  await t.deps.data.addOpen311Key({ name: "partner", keyHash: sha256(key), prefix: key.slice(0, 9), now: t.clock.now });
});
afterAll(async () => {
  await open311Idle();
  await t?.cleanup();
});

describe("Open311 GeoReport v2", () => {
  it("discovery and services in both formats, shaped like the spec's examples", async () => {
    const d = await t.app.inject({ url: "/open311/v2/discovery.json" });
    expect(d.json().endpoints[0].specification).toBe("http://wiki.open311.org/GeoReport_v2");
    expect((await t.app.inject({ url: "/open311/v2/discovery" })).statusCode).toBe(200);
    const x = await t.app.inject({ url: "/open311/v2/discovery.xml" });
    expect(x.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery>/);
    const s = await t.app.inject({ url: "/open311/v2/services.xml" });
    expect(s.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(elementsOf(s.body, "service")).toEqual(elementsOf(SPEC_SERVICE, "service"));
    const j = await t.app.inject({ url: "/open311/v2/services.json" });
    expect(Object.keys(j.json()[0])).toEqual(elementsOf(SPEC_SERVICE, "service"));
    const def = await t.app.inject({ url: "/open311/v2/services/ha_tang.json" });
    expect(def.json()).toEqual({ service_code: "ha_tang", attributes: [] });
    const missing = await t.app.inject({ url: "/open311/v2/services/khong_co.xml" });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toMatch(/<errors>\s*<error>\s*<code>404<\/code>\s*<description>/);
  });

  it("POST with the spec's example body files one petition (idempotent) and answers like the spec", async () => {
    const post = () => t.app.inject({ method: "POST", url: "/open311/v2/requests.xml", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, payload: specBody(key) });
    const r = await post();
    expect(r.statusCode).toBe(200);
    expect(elementsOf(r.body.replace(/<account_id>123456<\/account_id>/, "<account_id/>"), "request")).toEqual(elementsOf(SPEC_POST_RESPONSE, "request"));
    const code = /<service_request_id>(KN-\d{4}-\d{6})<\/service_request_id>/.exec(r.body)![1]!;
    const again = await post();
    expect(again.body).toContain(code);
    expect(await t.tdb.prisma.petition.count({ where: { channel: "open311" } })).toBe(1);
    await open311Idle();
    const p = await t.tdb.prisma.petition.findUniqueOrThrow({ where: { code } });
    expect(p.category).toBe("ha_tang");
    const one = await t.app.inject({ url: `/open311/v2/requests/${code}.xml` });
    expect(elementsOf(one.body, "request")).toEqual(elementsOf(SPEC_REQUEST, "request"));
    const list = await t.app.inject({ url: "/open311/v2/requests.json?status=open&service_code=ha_tang" });
    const rows = list.json() as Array<Record<string, unknown>>;
    expect(rows.map((x) => x.service_request_id)).toContain(code);
    expect(Object.keys(rows[0]!)).toEqual(elementsOf(SPEC_REQUEST, "request"));
    // Contact details given to the API never come back out.
    expect(JSON.stringify(rows)).not.toMatch(/smit333|111111111|smith/);
  });

  it("errors: 403 without or with a wrong api_key, 400 without a location or service_code, 404 unknown service, 400 over 90 days", async () => {
    const form = { "content-type": "application/x-www-form-urlencoded" };
    expect((await t.app.inject({ method: "POST", url: "/open311/v2/requests.json", headers: form, payload: "service_code=ha_tang&description=x&lat=1&long=2" })).statusCode).toBe(403);
    const wrong = await t.app.inject({ method: "POST", url: "/open311/v2/requests.xml", headers: form, payload: "api_key=nope&service_code=ha_tang&description=x&lat=1&long=2" });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toMatch(/<errors>\s*<error>\s*<code>403<\/code>/);
    expect((await t.app.inject({ method: "POST", url: "/open311/v2/requests.json", headers: form, payload: `api_key=${key}&service_code=ha_tang&description=x` })).statusCode).toBe(400);
    expect((await t.app.inject({ method: "POST", url: "/open311/v2/requests.json", headers: form, payload: `api_key=${key}&description=x&lat=1&long=2` })).statusCode).toBe(400);
    expect((await t.app.inject({ method: "POST", url: "/open311/v2/requests.json", headers: form, payload: `api_key=${key}&service_code=zzz&description=x&lat=1&long=2` })).statusCode).toBe(404);
    const range = await t.app.inject({ url: "/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z" });
    expect(range.statusCode).toBe(400);
    expect(range.json()[0].code).toBe(400);
    expect((await t.app.inject({ url: "/open311/v2/requests/KN-2026-999999.json" })).statusCode).toBe(404);
  });
});
