import { createTransport } from 'nodemailer';
import { logger } from '@/lib/log';

/**
 * Sends the magic link by SMTP, or, with no SMTP configured, writes it to the server log so
 * that a local install still works. That log line is the one place a sign-in link (and so
 * an address) is ever logged, and only on a server with no mail set up.
 */
export async function sendSignInLink(options: { to: string; url: string; server?: string; from: string }): Promise<void> {
  if (!options.server) {
    logger.info({ signInLink: options.url }, 'sign-in link (no EMAIL_SERVER is configured, so it is logged instead of emailed)');
    return;
  }
  const host = new URL(options.url).host;
  const transport = createTransport(options.server);
  const result = await transport.sendMail({
    to: options.to,
    from: options.from,
    subject: `Sign in to Grimoire (${host})`,
    text: `Sign in to Grimoire by opening this link:\n\n${options.url}\n\nIt works once, for one hour. If you did not ask for it, ignore this email.\n`,
    html: `<p>Sign in to Grimoire by opening this link:</p><p><a href="${options.url}">Sign in to ${host}</a></p><p>It works once, for one hour. If you did not ask for it, ignore this email.</p>`,
  });
  const failed = [...(result.rejected ?? []), ...(result.pending ?? [])];
  if (failed.length > 0) throw new Error('the mail server did not accept the sign-in email');
}
