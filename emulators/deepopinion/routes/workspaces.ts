import { badRequest, conflict, HttpError, notFound, reply, type RequestContext, type RouteRegistrar } from '../../core';
import type { DeepOpinionStore, InvitationRec, WorkspaceRec } from '../store';
import { body, boolField, intField, oneOf, pathId, rejectUnknown, stringField, workspaceJson } from '../views';

const ROLES = ['USER', 'VIEWER', 'ANNOTATOR', 'ADMIN', 'MANAGER'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function invitationJson(i: InvitationRec, baseUrl: string) {
	return {
		id: i.id,
		role: i.role,
		email: i.email,
		invited_by_id: i.invited_by_id,
		organization_id: i.organization_id,
		created: i.created,
		invitation_link: `${baseUrl}/invitations/accept?token=${i.token}`,
	};
}

export function registerWorkspaceRoutes(api: RouteRegistrar, store: DeepOpinionStore): void {
	const workspaceOf = (ctx: RequestContext, { activeOnly = true } = {}): WorkspaceRec => {
		const ws = store.getWorkspace(pathId(ctx, 'organization_id'));
		if (activeOnly && !ws.active) throw new HttpError(409, `Workspace ${ws.id} is deactivated.`);
		return ws;
	};
	const baseUrl = (ctx: RequestContext) => `http://${ctx.req.headers.host ?? 'localhost'}`;

	api.route('POST', '/organizations', async (ctx) => {
		const b = await body(ctx);
		rejectUnknown(b, ['name', 'description']);
		const ws = store.createWorkspace(stringField(b, 'name', true) as string, stringField(b, 'description') ?? '', Number(ctx.principal));
		return workspaceJson(ws);
	});

	api.route('GET', '/organizations/:organization_id', (ctx) => workspaceJson(workspaceOf(ctx, { activeOnly: false })));

	api.route('PUT', '/organizations/:organization_id', async (ctx) => {
		const ws = workspaceOf(ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['name', 'description']);
		ws.name = stringField(b, 'name', true) as string;
		ws.description = stringField(b, 'description') ?? ws.description;
		return workspaceJson(ws);
	});

	api.route('DELETE', '/organizations/:organization_id', (ctx) => {
		const ws = workspaceOf(ctx, { activeOnly: false });
		ws.active = false;
		ws.is_read_only = true;
		return workspaceJson(ws);
	});

	api.route('POST', '/organizations/:organization_id/default', async (ctx) => {
		const ws = workspaceOf(ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['default']);
		const isDefault = boolField(b, 'default');
		if (isDefault === undefined) throw badRequest('default: required field is missing');
		const userId = Number(ctx.principal);
		if (isDefault) for (const other of store.workspaces.values()) other.defaultFor.delete(userId);
		if (isDefault) ws.defaultFor.add(userId);
		else ws.defaultFor.delete(userId);
		return { ...workspaceJson(ws), default: isDefault };
	});

	api.route('POST', '/organizations/:organization_id/permissions', async (ctx) => {
		const ws = workspaceOf(ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['role', 'user_id']);
		const role = oneOf(b.role, 'role', ROLES, true) as string;
		const user = store.getUser(intField(b, 'user_id', true) as number);
		if (ws.permissions.some((p) => p.user_id === user.id)) throw conflict(`User ${user.id} is already a member of workspace ${ws.id}`);
		const permission = { id: store.nextId('permission'), user_id: user.id, role };
		ws.permissions.push(permission);
		return { id: permission.id, role, user: `${user.first_name} ${user.last_name}`.trim() };
	});

	api.route('PUT', '/organizations/:organization_id/permissions/:permission_id', async (ctx) => {
		const ws = workspaceOf(ctx);
		const id = pathId(ctx, 'permission_id');
		const permission = ws.permissions.find((p) => p.id === id);
		if (!permission) throw notFound(`Permission ${id} does not exist in workspace ${ws.id}.`);
		const b = await body(ctx);
		rejectUnknown(b, ['role']);
		permission.role = oneOf(b.role, 'role', ROLES, true) as string;
		const user = store.users.get(permission.user_id);
		return { id: permission.id, role: permission.role, user: user ? `${user.first_name} ${user.last_name}`.trim() : '' };
	});

	api.route('POST', '/organizations/:organization_id/users/invite', async (ctx) => {
		const ws = workspaceOf(ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['role', 'emails']);
		const role = oneOf(b.role, 'role', ROLES, true) as string;
		if (!Array.isArray(b.emails) || b.emails.length === 0) throw badRequest('emails: expected a non-empty list of email addresses');
		const notInvited: Array<{ email: string; reason: string }> = [];
		const invitations = [];
		for (const [i, email] of (b.emails as unknown[]).entries()) {
			if (typeof email !== 'string' || !EMAIL.test(email)) throw badRequest(`emails[${i}]: must be an email address`);
			const member = store.findUserByEmail(email);
			if (member && ws.permissions.some((p) => p.user_id === member.id)) {
				notInvited.push({ email, reason: 'User is already a member of the workspace' });
				continue;
			}
			if ([...store.invitations.values()].some((inv) => inv.organization_id === ws.id && inv.email === email && !inv.accepted && !inv.cancelled)) {
				notInvited.push({ email, reason: 'User was already invited' });
				continue;
			}
			const invitation: InvitationRec = { id: store.nextId('invitation'), role, email, invited_by_id: Number(ctx.principal), organization_id: ws.id, created: store.nowIso(), token: store.randomHex(32), accepted: false, cancelled: false };
			store.invitations.set(invitation.id, invitation);
			invitations.push(invitationJson(invitation, baseUrl(ctx)));
		}
		return { not_invited: notInvited, invitations };
	});

	api.route('GET', '/organizations/:organization_id/users/invites', (ctx) => {
		const ws = workspaceOf(ctx);
		return [...store.invitations.values()].filter((i) => i.organization_id === ws.id && !i.accepted && !i.cancelled).map((i) => invitationJson(i, baseUrl(ctx)));
	});

	// An invitee may not have an account yet: no login needed, the invitation token is the proof.
	api.route(
		'POST',
		'/organizations/users/invite/accept',
		async (ctx) => {
			const b = await body(ctx);
			rejectUnknown(b, ['token', 'first_name', 'last_name', 'email', 'password']);
			const token = stringField(b, 'token', true) as string;
			const password = stringField(b, 'password', true) as string;
			if (password.length < 8) throw badRequest('password: must be at least 8 characters');
			const invitation = [...store.invitations.values()].find((i) => i.token === token);
			if (!invitation || invitation.accepted || invitation.cancelled) throw badRequest('token: invalid or already used invitation');
			const ws = store.getWorkspace(invitation.organization_id);
			let user = store.findUserByEmail(invitation.email);
			if (!user) user = store.createUser({ email: invitation.email, password, first_name: stringField(b, 'first_name'), last_name: stringField(b, 'last_name') });
			else if (user.password !== password) throw new HttpError(401, 'password: does not match the existing account');
			invitation.accepted = true;
			const permission = { id: store.nextId('permission'), user_id: user.id, role: invitation.role };
			ws.permissions.push(permission);
			return reply(200, { status: 'OK', message: 'Invitation accepted.', user_id: user.id, organization_id: ws.id, role: invitation.role });
		},
		{ auth: false },
	);
}
