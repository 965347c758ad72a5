import { LightningElement } from 'lwc';

/** A Lightning Experience-like page around the app's tab: global header, app name, the one tab. */
export default class Shell extends LightningElement {}
