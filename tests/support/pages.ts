import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from './browser.js';

/**
 * Page objects for the journeys: what a person sees and does on any GOV.UK
 * page of the portal, by visible names only (headings, labels, buttons,
 * links), so a test reads like the journey and a change of markup is fixed
 * in one place.
 */
export class PortalPage {
  constructor(readonly page: Page) {}

  /** The page's one h1. */
  heading(): Promise<string | null> {
    return this.page.getByRole('heading', { level: 1 }).textContent();
  }

  /** The error summary or notification banner (role="alert"). */
  alert(): Promise<string | null> {
    return this.page.getByRole('alert').textContent();
  }

  /** The GOV.UK error summary's text. */
  errorSummary(): Promise<string | null> {
    return this.page.locator('.govuk-error-summary').textContent();
  }

  field(label: string, exact = false): Locator {
    return this.page.getByLabel(label, { exact });
  }

  /** A fieldset by its legend (radios, checkboxes, a date). */
  group(legend: string): Locator {
    return this.page.getByRole('group', { name: legend, exact: true });
  }

  async press(button: string): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
  }

  async follow(link: string): Promise<void> {
    await this.page.getByRole('link', { name: link, exact: true }).click();
  }

  async seesText(text: string): Promise<boolean> {
    return this.page.getByText(text).first().isVisible();
  }

  /** Day, Month and Year of a GOV.UK date input (inside `within`, or the only one on the page). */
  async fillDate(day: string, month: string, year: string, within: Page | Locator = this.page): Promise<void> {
    await within.getByLabel('Day').fill(day);
    await within.getByLabel('Month').fill(month);
    await within.getByLabel('Year').fill(year);
  }

  /**
   * A long list enhanced by accessible-autocomplete (a text box labelled like
   * the list): type the start of a choice, then pick it from the suggestions.
   */
  async chooseFromList(field: Locator, choice: string, typed = choice.slice(0, 3)): Promise<void> {
    await field.fill(typed);
    await this.page.getByRole('listbox').getByRole('option', { name: choice, exact: true }).click();
  }

  /** The menu under the signed-in professional's name (a <details> disclosure), by the name it shows. */
  accountMenu(): Locator {
    return this.page.locator('header details', { has: this.page.locator('summary') });
  }

  /** Opens the menu under the person's name with the keyboard (focus its summary, Enter), if it is closed. */
  async openAccountMenu(): Promise<Locator> {
    const menu = this.accountMenu();
    if (!(await menu.evaluate((el) => (el as HTMLDetailsElement).open))) {
      await menu.locator('summary').focus();
      await this.page.keyboard.press('Enter');
    }
    return menu;
  }

  /** Sign out, from the menu under the person's name (professionals) or the header (staff). */
  async signOut(): Promise<void> {
    if (await this.accountMenu().count()) await this.openAccountMenu();
    await this.page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
  }

  checkAccessible(): Promise<void> {
    return expectAccessible(this.page);
  }
}

/** Select Person (the SEND area's list of the professional's children). */
export class SelectPersonPage extends PortalPage {
  /** From the home page's service tile. */
  async openFromHome(service = 'Special Educational Needs and Disabilities'): Promise<this> {
    await this.follow(service);
    return this;
  }

  /** Chooses a child by the name shown in the list ("Surname, Forename") and confirms it: the progress page opens. */
  async choose(listedName: string): Promise<void> {
    await this.page.getByRole('link', { name: listedName }).click();
    await this.press('Continue');
  }

  async filter(text: string, view = 'Active'): Promise<void> {
    await this.field('Person Filter', true).fill(text);
    await this.field('Show').selectOption({ label: view });
    await this.press('Filter');
  }
}

/** A multi-step form: its task list, its steps and the Save and continue button. */
export class FormPage extends PortalPage {
  async saveAndContinue(): Promise<void> {
    await this.press('Save and continue');
  }

  /** Starts the form from the child's progress page by its start button. */
  async start(formTitle: string): Promise<void> {
    await this.press(`Start ${formTitle}`);
  }

  /** Opens a step from the form's task list by its name. */
  async openStep(step: string): Promise<void> {
    await this.follow(step);
  }
}
