import { LightningElement } from 'lwc';

/** The app's tab: hosts the license summary now, and the migration wizard and run console as they arrive. */
export default class MigrationApp extends LightningElement {}
