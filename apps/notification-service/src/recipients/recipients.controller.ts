import { Controller, Get, Param, Put, Body } from '@nestjs/common';
import type { z } from 'zod';
import { ZodPipe } from '@app/http';
import { contactBody, preferencesBody, recipientParams, type recipientView } from '../api/schemas';
import { maskEmail, maskPhone } from '../api/views';
import { NotificationDb } from '../database/notification-db';
import { normalisePhone } from '../directory/recipient-directory';
import { Prisma } from '../generated/prisma/client';

type View = z.infer<typeof recipientView>;

/**
 * Contacts and preferences of a recipient: a patient (p_...) or a facility desk
 * (facility:<kode PPK>, e.g. a hospital's referral desk or an FKTP doctor's desk).
 */
@Controller('v1/recipients')
export class RecipientsController {
  constructor(private readonly db: NotificationDb) {}

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
    const data = {
      ...(b.phone !== undefined ? { phone: b.phone ? normalisePhone(b.phone) : null } : {}),
      ...(b.email !== undefined ? { email: b.email } : {}),
      ...(b.locale ? { locale: b.locale } : {}),
      ...(b.pushSubscription !== undefined
        ? { pushSubscription: b.pushSubscription ?? Prisma.DbNull }
        : {}),
    };
    await this.db.contact.upsert({
      where: { recipient: p.recipient },
      create: { recipient: p.recipient, ...data },
      update: data,
    });
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
    return {
      recipient,
      contact: c
        ? {
            phone: maskPhone(c.phone),
            email: maskEmail(c.email),
            locale: c.locale,
            pushSubscription: c.pushSubscription !== null,
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
