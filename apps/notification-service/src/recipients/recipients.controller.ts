import { Controller, Get, Param, Put, Body } from '@nestjs/common';
import type { z } from 'zod';
import { ZodPipe } from '@app/http';
import { IdentityCipher } from '@app/patient-data';
import { contactBody, preferencesBody, recipientParams, type recipientView } from '../api/schemas';
import { maskEmail, maskPhone } from '../api/views';
import { openContactRow, writeContact } from '../contacts/contact-vault';
import { NotificationDb } from '../database/notification-db';
import { normalisePhone } from '../directory/recipient-directory';

type View = z.infer<typeof recipientView>;

/**
 * Contacts and preferences of a recipient: a patient (p_...) or a facility desk
 * (facility:<kode PPK>, e.g. a hospital's referral desk or an FKTP doctor's desk). Contacts are
 * stored sealed; answers show them masked only.
 */
@Controller('v1/recipients')
export class RecipientsController {
  constructor(
    private readonly db: NotificationDb,
    private readonly cipher: IdentityCipher,
  ) {}

  @Get(':recipient')
  async get(
    @Param(new ZodPipe(recipientParams)) p: z.infer<typeof recipientParams>,
  ): Promise<View> {
    return this.view(p.recipient);
  }

  /** Sets how to reach the recipient; fields left out stay, null clears. */
  @Put(':recipient/contact')
  async putContact(
    @Param(new ZodPipe(recipientParams)) p: z.infer<typeof recipientParams>,
    @Body(new ZodPipe(contactBody)) b: z.infer<typeof contactBody>,
  ): Promise<View> {
    await this.db.$transaction((tx) =>
      writeContact(tx, this.cipher, p.recipient, {
        ...(b.phone !== undefined ? { phone: b.phone ? normalisePhone(b.phone) : null } : {}),
        ...(b.email !== undefined ? { email: b.email } : {}),
        ...(b.locale ? { locale: b.locale } : {}),
        ...(b.pushSubscription !== undefined ? { pushSubscription: b.pushSubscription } : {}),
      }),
    );
    return this.view(p.recipient);
  }

  /** Channel choice, opt-out and quiet hours, with the consent behind them recorded. */
  @Put(':recipient/preferences')
  async putPreferences(
    @Param(new ZodPipe(recipientParams)) p: z.infer<typeof recipientParams>,
    @Body(new ZodPipe(preferencesBody)) b: z.infer<typeof preferencesBody>,
  ): Promise<View> {
    const data = {
      ...(b.channels ? { channels: [...new Set(b.channels)] } : {}),
      ...(b.optOut !== undefined ? { optOut: b.optOut } : {}),
      ...(b.quietHours !== undefined ? { quietHours: b.quietHours } : {}),
      consentAt: new Date(),
      consentSource: b.consentSource,
    };
    await this.db.preference.upsert({
      where: { recipient: p.recipient },
      create: { recipient: p.recipient, channels: [], ...data },
      update: data,
    });
    return this.view(p.recipient);
  }

  private async view(recipient: string): Promise<View> {
    const [c, pref] = await Promise.all([
      this.db.contact.findUnique({ where: { recipient } }),
      this.db.preference.findUnique({ where: { recipient } }),
    ]);
    // Opened only to be masked: the answer never carries a whole phone or address.
    const plain = c ? openContactRow(this.cipher, c) : null;
    return {
      recipient,
      contact:
        c && plain
          ? {
              phone: maskPhone(plain.phone),
              email: maskEmail(plain.email),
              locale: c.locale,
              pushSubscription: plain.pushSubscription !== null,
            }
          : null,
      preferences: pref
        ? {
            channels: pref.channels,
            optOut: pref.optOut,
            quietHours: pref.quietHours,
            consentAt: pref.consentAt?.toISOString() ?? null,
            consentSource: pref.consentSource,
          }
        : null,
    };
  }
}
