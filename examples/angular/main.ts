// An Angular app (standalone component, zoneless) of an intranet on another site than Bureau: the
// elements come from the @bureau/components package (bundled with the app), the person is signed in
// by a bearer token, and a signal decides the room shown: the room list's cancelable
// `bureau-room-select` is prevented and the signal changes instead.
//
// Compiled just in time (@angular/compiler bundled, esbuild for the build), to keep this example's
// install and build small; an Angular CLI project (AOT) uses the same component as it is.
import '@angular/compiler';
import { Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import '@bureau/components/bureau.js';
import type { BureauMessageSendEvent, BureauRoomSelectEvent, GetToken } from '@bureau/components';

const bureauUrl = 'http://127.0.0.1:8080';
const person = new URLSearchParams(location.search).get('as') ?? 'camille';

@Component({
  selector: 'app-discussion',
  // Bureau's tags are custom elements, not Angular components: the schema lets the template use
  // them, bind their properties ([room]) and listen to their events ((bureau-message-send)).
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <p id="host-room">Salon choisi par l’application : {{ room() }}</p>
    <bureau-client [baseUrl]="bureauUrl" [getToken]="getToken">
      <bureau-room-list space="espace-rh-360" chat="discussion" [selected]="room()" (bureau-room-select)="select($event)"></bureau-room-list>
      <bureau-chat id="discussion" [room]="room()" (bureau-message-send)="messageSent($event)"></bureau-chat>
    </bureau-client>
    <p id="host-log" role="status">@if (sent()) {L’application a vu partir : « {{ sent() }} »}</p>
  `,
})
class DiscussionComponent {
  readonly bureauUrl = bureauUrl;
  readonly room = signal('espace-rh-360-general');
  readonly sent = signal('');

  /** The access token. An intranet returns the one of its own OIDC session; this asks Bureau's demo server. */
  readonly getToken: GetToken = async () => {
    const response = await fetch(`${bureauUrl}/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: person }),
    });
    if (!response.ok) throw new Error(`Jeton refusé (${response.status})`);
    return (await response.json()) as { accessToken: string; expiresAt: string };
  };

  select(event: BureauRoomSelectEvent): void {
    event.preventDefault();
    this.room.set(event.roomId);
  }

  messageSent(event: BureauMessageSendEvent): void {
    this.sent.set(event.text);
  }
}

// Angular sets bound properties as properties whether or not the tag is defined yet, and the
// elements take them up when their code arrives: no preload() is needed (unlike React and Vue).
await bootstrapApplication(DiscussionComponent, { providers: [provideZonelessChangeDetection()] });
