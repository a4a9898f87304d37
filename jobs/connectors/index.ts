/**
 * The connectors, in one list: the source schema, the console's form, the preview and the
 * pipeline all read it. Adding a connector is a file in this directory and a line here
 * (jobs/README.md, "Adding a connector").
 */
import { atom } from './atom';
import type { Connector } from './connector';
import { csv } from './csv';
import { html } from './html';
import { json } from './json';
import { pnx } from './pnx';

export const connectors = [json, csv, html, atom, pnx] as const;

export type ConnectorName = (typeof connectors)[number]['name'];

export const connectorNames: readonly ConnectorName[] = connectors.map((c) => c.name);

/** The connector of that name; undefined for a name no connector has (an old row, a typo). */
export const connectorNamed = (name: string): Connector | undefined => connectors.find((c) => c.name === name);
