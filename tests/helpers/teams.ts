// Teams through the API, as the dashboard drives it.
import { expect } from "vitest";
import type { Client } from "./client";

export type TeamBody = { id: string; name: string; role: "owner" | "admin" | "viewer"; personal: boolean };

export async function createTeam(owner: Client, name: string): Promise<TeamBody> {
  const res = await owner.post("/api/teams", { name });
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return (JSON.parse(text) as { team: TeamBody }).team;
}

/** The token at the end of an invitation URL. */
export const inviteToken = (url: string) => new URL(url).pathname.split("/").pop()!;

/** `owner` invites `member` by address with `role`, and `member` accepts through the link's token. */
export async function addMember(owner: Client, teamId: string, member: { client: Client; email: string }, role: "owner" | "admin" | "viewer") {
  const res = await owner.post(`/api/teams/${teamId}/invites`, { email: member.email, role });
  const text = await res.text();
  expect(res.status, text).toBe(201);
  const { url } = JSON.parse(text) as { url: string };
  const accepted = await member.client.post(`/api/invites/${inviteToken(url)}/accept`);
  expect(accepted.status, await accepted.clone().text()).toBe(200);
}
