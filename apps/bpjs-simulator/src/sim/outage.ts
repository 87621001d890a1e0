import { Injectable } from '@nestjs/common';

/** A switch that makes every Antrol call answer 503 for a while: BPJS being down. */
@Injectable()
export class Outage {
  private until = 0;

  start(seconds: number, now = Date.now()): number {
    this.until = now + seconds * 1000;
    return this.until;
  }

  end(): void {
    this.until = 0;
  }

  active(now = Date.now()): boolean {
    return now < this.until;
  }

  endsAt(): number | null {
    return this.active() ? this.until : null;
  }
}
